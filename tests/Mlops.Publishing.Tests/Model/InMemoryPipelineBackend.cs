using Mlops.Backends;

namespace Mlops.Publishing.Tests.Model;

/// <summary>A runner that knows the runs a test gives it, by name; it submits and cancels nothing.</summary>
internal sealed class InMemoryPipelineBackend(string kind, params PipelineRunStatus[] runs) : IPipelineBackend
{
    private readonly Dictionary<string, PipelineRunStatus> byId = runs.ToDictionary(r => r.RunId, StringComparer.Ordinal);

    public string Kind => kind;

    public List<string> Asked { get; } = [];

    public Task<PipelineRunStatus> SubmitAsync(PipelineRunRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("packing a model submits nothing");

    public Task<PipelineRunStatus?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        Asked.Add(runId);
        return Task.FromResult(byId.GetValueOrDefault(runId));
    }

    public Task CancelAsync(string runId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("packing a model cancels nothing");

    public Task<IReadOnlyList<PipelineRunStatus>> ListAsync(string? pipeline, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PipelineRunStatus>>([.. byId.Values]);
}
