namespace Mlops.Backends;

/// <summary>
/// One task of a run: its name in the pipeline (Vertex taskName, KFP display_name), its state, the message it failed
/// with, and its output artifacts by output key → URI.
/// </summary>
public sealed record PipelineTaskStatus(string Name, PipelineTaskState State)
{
    public string? Error { get; init; }

    /// <summary>The exit code of the task's container, when the backend reports one.</summary>
    public int? ExitCode { get; init; }

    public IReadOnlyDictionary<string, string> OutputArtifacts { get; init; } = new Dictionary<string, string>();
}
