namespace Mlops.Publishing.Release;

/// <summary>
/// What one environment's registries reported for a release they stored: the digest of each pipeline's IR (its
/// version in the KFP-format registry), of each image's manifest, of each wheel. Never what was meant to be sent.
/// </summary>
public sealed record PublishedRelease
{
    public required string Version { get; init; }

    /// <summary>Pipeline name → <c>sha256:…</c> of the IR bytes the registry stored.</summary>
    public SortedDictionary<string, string> Pipelines { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Image repository (host/path, no tag) → <c>sha256:…</c> of the manifest the registry stored.</summary>
    public SortedDictionary<string, string> Images { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The training run whose model the release holds (a Vertex job's resource name, a KFP run id, a local run id); null without a model.</summary>
    public string? TrainingRun { get; init; }

    /// <summary>Wheel file name → <c>sha256:…</c> as the Python index lists it.</summary>
    public SortedDictionary<string, string> Wheels { get; init; } = new(StringComparer.Ordinal);
}
