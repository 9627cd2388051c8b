namespace Mlops.Backends.Kfp;

/// <summary>
/// KFP's <c>RuntimeState</c> names as ours. PAUSED waits for a person, so it counts as pending; SKIPPED is a run
/// that had nothing to do (it ended well) or a task that did not run; anything unknown is treated as not yet running.
/// </summary>
internal static class KfpRuntimeState
{
    public static PipelineRunState RunState(string? state) => state switch
    {
        "RUNNING" => PipelineRunState.Running,
        "SUCCEEDED" or "SKIPPED" => PipelineRunState.Succeeded,
        "FAILED" => PipelineRunState.Failed,
        "CANCELING" => PipelineRunState.Cancelling,
        "CANCELED" => PipelineRunState.Cancelled,
        _ => PipelineRunState.Pending,
    };

    public static PipelineTaskState TaskState(string? state) => state switch
    {
        "RUNNING" => PipelineTaskState.Running,
        "SUCCEEDED" => PipelineTaskState.Succeeded,
        "SKIPPED" => PipelineTaskState.Skipped,
        "FAILED" => PipelineTaskState.Failed,
        "CANCELING" => PipelineTaskState.Cancelling,
        "CANCELED" => PipelineTaskState.Cancelled,
        _ => PipelineTaskState.Pending,
    };
}
