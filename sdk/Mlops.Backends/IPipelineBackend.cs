namespace Mlops.Backends;

/// <summary>
/// A place pipelines run: the local runner, Vertex AI Pipelines, a Kubeflow Pipelines backend. A run is created from
/// compiled IR, followed by its id, and can be cancelled; the backend names its runs (a Vertex job's resource name,
/// a KFP run id, a local run's folder name).
/// </summary>
public interface IPipelineBackend
{
    /// <summary>The backend's kind, for messages: <c>local</c>, <c>vertex</c>, <c>kfp</c>.</summary>
    string Kind { get; }

    /// <summary>Creates a run. Backends that run in this process (local) return when it ended; remote ones once it was accepted.</summary>
    Task<PipelineRunStatus> SubmitAsync(PipelineRunRequest request, CancellationToken cancellationToken = default);

    /// <summary>The run's current state; null when the backend knows no such run.</summary>
    Task<PipelineRunStatus?> GetAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Asks the backend to stop the run; a run that already ended stays as it is.</summary>
    Task CancelAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>The most recent runs of a pipeline (all pipelines when null), newest first.</summary>
    Task<IReadOnlyList<PipelineRunStatus>> ListAsync(string? pipeline, int limit, CancellationToken cancellationToken = default);
}
