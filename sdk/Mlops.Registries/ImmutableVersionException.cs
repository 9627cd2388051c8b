namespace Mlops.Registries;

/// <summary>
/// A version that is already published with other content was pushed again (MLOPS3001-3003). Publishing the same
/// content again is not an error, so a caller can retry a publish safely.
/// </summary>
public sealed class ImmutableVersionException(string code, string package, string version, string message)
    : RegistryException(code, message)
{
    public string Package { get; } = package;
    public string Version { get; } = version;
}
