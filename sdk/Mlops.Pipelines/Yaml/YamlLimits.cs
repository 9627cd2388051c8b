namespace Mlops.Pipelines.Yaml;

/// <summary>
/// How much YAML an IR or component file may hold. Real files are far inside every bound (the KFP corpus nests 14
/// deep at most and uses no anchors); the bounds keep a hostile or broken file from exhausting the stack or memory.
/// </summary>
public static class YamlLimits
{
    /// <summary>32 MiB: the largest pipeline package the Kubeflow Pipelines API server accepts for an upload.</summary>
    public const long MaxDocumentBytes = 32L * 1024 * 1024;

    /// <summary>Mappings and sequences nested in one another (System.Text.Json's default depth, which the IR goes through).</summary>
    public const int MaxDepth = 64;

    /// <summary>Nodes that aliases (<c>*name</c>) may produce in one file, on top of the nodes written out.</summary>
    public const int MaxAliasNodes = 10_000;

    internal static string Size(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MiB" : $"{bytes} bytes";
}
