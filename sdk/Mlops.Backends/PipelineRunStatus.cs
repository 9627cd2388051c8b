namespace Mlops.Backends;

/// <summary>
/// A run as a backend reports it: state, times, the failing task's message, its tasks, and its output artifacts' URIs.
/// <see cref="RunId"/> is what the backend names the run by: a Vertex job's resource name
/// (<c>projects/P/locations/L/pipelineJobs/ID</c>), a KFP run id, a local run's <c>PIPELINE/ID</c>.
/// </summary>
public sealed record PipelineRunStatus(string RunId, string Pipeline, PipelineRunState State, DateTimeOffset Created)
{
    public DateTimeOffset? Started { get; init; }

    public DateTimeOffset? Ended { get; init; }

    /// <summary>Why the run failed or was cancelled, as the backend said it (the failing task's message where there is one).</summary>
    public string? Error { get; init; }

    /// <summary>Pipeline output name → the artifact's URI (a local path, a <c>gs://</c> URI).</summary>
    public IReadOnlyDictionary<string, string> OutputArtifacts { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Pipeline output name → where its artifact was written, for the outputs a backend reports no URI for (KFP); the
    /// artifact store finds the artifact there.
    /// </summary>
    public IReadOnlyDictionary<string, PipelineOutputLocation> OutputArtifactLocations { get; init; } = NoLocations;

    // One shared empty map, so that statuses without locations stay equal as records.
    private static readonly IReadOnlyDictionary<string, PipelineOutputLocation> NoLocations = new Dictionary<string, PipelineOutputLocation>();

    /// <summary>The run's tasks (steps), as the backend reports them; empty when it reports none.</summary>
    public IReadOnlyList<PipelineTaskStatus> Tasks { get; init; } = [];

    /// <summary>The template the run was created from, by version, as the backend recorded it.</summary>
    public string? TemplateUri { get; init; }

    /// <summary>The template's <c>sha256:HEX</c>, as the backend recorded it (Vertex: templateMetadata.version).</summary>
    public string? TemplateDigest { get; init; }

    /// <summary>The run's labels as the backend recorded them (submit sets <c>mlops-version</c> and <c>mlops-source-commit</c>).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The schedule that created the run, if one did.</summary>
    public string? Schedule { get; init; }

    public bool HasEnded => State is PipelineRunState.Succeeded or PipelineRunState.Failed or PipelineRunState.Cancelled;

    public TimeSpan? Duration => Started is { } start ? (Ended ?? DateTimeOffset.UtcNow) - start : null;
}
