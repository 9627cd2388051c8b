namespace Mlops.Environments;

/// <summary>The keys each object of mlops.environments.json accepts (the JSON Schema lists the same; a test checks it).</summary>
internal static class EnvironmentsFileKeys
{
    public static readonly IReadOnlyList<string> Root = ["$schema", "environments"];

    public static readonly IReadOnlyList<string> Environment =
        ["description", "project", "region", "training", "registries", "runner", "promotesFrom", "requiresApproval", "impersonate"];

    public static readonly IReadOnlyList<string> Registries = ["images", "pipelines", "python", "nuget"];

    public static readonly IReadOnlyList<string> Runner =
        ["kind", "pipelineRoot", "serviceAccount", "network", "encryptionKey", "endpoint", "labels"];

    /// <summary>The registries a release is published to, so every environment must name them.</summary>
    public static readonly IReadOnlyList<string> RequiredRegistries = ["images", "pipelines", "python"];
}
