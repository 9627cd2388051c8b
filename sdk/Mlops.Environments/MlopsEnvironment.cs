using Mlops.Registries;

namespace Mlops.Environments;

/// <summary>
/// An environment a release is published to: its name, where its registries are, and those registries; for one of
/// the environments file, its <see cref="Definition"/> (null for the built-in <c>local</c>).
/// </summary>
public sealed record MlopsEnvironment(string Name, string Description, RegistrySet Registries, EnvironmentDefinition? Definition = null)
{
    public const string Local = "local";

    /// <summary>Whether training pipelines run here (and so are published here): <c>local</c> trains.</summary>
    public bool Trains => Definition?.Training ?? true;

    /// <summary>The environment this one takes its releases from, or null when releases are published to it fresh.</summary>
    public string? PromotesFrom => Definition?.PromotesFrom;
}
