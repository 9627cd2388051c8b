namespace Mlops.Backends;

/// <summary>The states every backend maps a task's to (Vertex's PipelineTaskDetail.State, KFP's RuntimeState).</summary>
public enum PipelineTaskState
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Cancelling,
    Cancelled,
    /// <summary>Not run: skipped (cached elsewhere, a condition was false) or never triggered.</summary>
    Skipped,
}
