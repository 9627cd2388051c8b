using Mlops.Registries;

namespace Mlops.Environments;

/// <summary>An environment a release is published to: its name, where its registries are, and those registries.</summary>
public sealed record MlopsEnvironment(string Name, string Description, RegistrySet Registries)
{
    public const string Local = "local";
}
