namespace Mlops.Backends;

/// <summary>
/// Where a backend that reports no artifact URIs (KFP: its tasks name MLMD artifact ids only) wrote a pipeline
/// output: the folder of the task that produced it, under which the artifact is <c>SALT/OUTPUTKEY</c> (one salt per
/// execution of the task; KFP's driver makes it a UUID).
/// </summary>
/// <param name="Task">The container task that produced the output (inside nested DAGs, the innermost one).</param>
/// <param name="OutputKey">The task's output artifact key the pipeline output is selected from.</param>
/// <param name="TaskFolderUri">The task's folder in the run's pipeline root, ending with <c>/</c>.</param>
public sealed record PipelineOutputLocation(string Task, string OutputKey, string TaskFolderUri)
{
    /// <summary>The task did not run in this run (cached, or skipped): its artifact is another run's.</summary>
    public bool NotRun { get; init; }
}
