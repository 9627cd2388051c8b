namespace Mlops.Backends;

/// <summary>A run as a backend reports it: state, times, the failing task's message, and its output artifacts' URIs.</summary>
public sealed record PipelineRunStatus(string RunId, string Pipeline, PipelineRunState State, DateTimeOffset Created)
{
    public DateTimeOffset? Ended { get; init; }

    public string? Error { get; init; }

    /// <summary>Pipeline output name → the artifact's URI (a local path, a <c>gs://</c> URI).</summary>
    public IReadOnlyDictionary<string, string> OutputArtifacts { get; init; } = new Dictionary<string, string>();

    public bool HasEnded => State is PipelineRunState.Succeeded or PipelineRunState.Failed or PipelineRunState.Cancelled;
}
