namespace Mlops.Environments;

/// <summary>
/// Where an environment's pipelines run: <see cref="Kind"/> is <c>vertex</c> (Vertex AI Pipelines) or <c>kfp</c> (a
/// Kubeflow Pipelines backend at <see cref="Endpoint"/>; for Vertex, Endpoint overrides the regional API host).
/// </summary>
public sealed record EnvironmentRunner(
    string Kind,
    string? PipelineRoot,
    string? ServiceAccount,
    string? Network,
    string? EncryptionKey,
    Uri? Endpoint,
    IReadOnlyDictionary<string, string> Labels)
{
    public const string Vertex = "vertex";
    public const string Kfp = "kfp";
}
