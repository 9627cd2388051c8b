namespace Mlops.ContractServers;

/// <summary>A request as a contract server received it: enough to assert the sequence a client sent.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, string Authorization, long? ContentLength);
