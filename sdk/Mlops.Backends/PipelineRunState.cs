namespace Mlops.Backends;

/// <summary>The states every backend maps its own to (Vertex's PIPELINE_STATE_*, KFP's RuntimeState, the local runner's).</summary>
public enum PipelineRunState
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Cancelling,
    Cancelled,
}
