namespace Mlops.ContractServers.Google;

/// <summary>A token the Google token server handed out: how it was asked for, to whom, with which scopes.</summary>
public sealed record IssuedToken(string Grant, string Principal, IReadOnlyList<string> Scopes, string Token);
