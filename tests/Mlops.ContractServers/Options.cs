namespace Mlops.ContractServers;

/// <summary>The command line of the contract servers' program.</summary>
public sealed record Options(int Port, string Storage, string? User, string? Password, string? PathPrefix = null, string? AccessToken = null,
    string? ServiceAccount = null, string? PublicKeyFile = null, string? ImpersonationTarget = null)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        return new Options(
            int.TryParse(Value("--port"), out var port) ? port : 0,
            Value("--storage") ?? Path.Combine(Path.GetTempPath(), "mlops-contract-server-" + Guid.NewGuid().ToString("N")),
            Value("--user"),
            Value("--password"),
            Value("--path-prefix"),
            Value("--access-token") ?? Value("--token"),
            Value("--service-account"),
            Value("--public-key"),
            Value("--impersonation-target"));
    }
}
