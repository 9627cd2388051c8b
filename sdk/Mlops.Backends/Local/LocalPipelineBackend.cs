using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Mlops.Pipelines.Ir;
using Mlops.Runner.Execution;
using Mlops.Runner.Store;

namespace Mlops.Backends.Local;

/// <summary>
/// The local runner as a backend: a run executes in this process, on this machine, and is recorded under the MLOps
/// home (<c>runs/PIPELINE/ID/run.json</c>). Its id is <c>PIPELINE/ID</c>. <paramref name="settings"/> gives how steps
/// run (executor, component folders, parallelism, caching, observer); the request gives what runs.
/// </summary>
public sealed class LocalPipelineBackend(LocalRunSettings settings) : IPipelineBackend
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> inFlight = new(StringComparer.Ordinal);

    public string Kind => "local";

    public async Task<PipelineRunStatus> SubmitAsync(PipelineRunRequest request, CancellationToken cancellationToken = default)
    {
        var ir = IrFile.Parse(Encoding.UTF8.GetString(request.Ir.Span), request.Source.Length > 0 ? request.Source : request.PipelineName);
        var id = RunStore.NewRunId();
        var runId = $"{ir.Spec.PipelineInfo.Name}/{id}";
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        inFlight[runId] = cancellation;
        try
        {
            var options = new RunOptions
            {
                Pipeline = ir,
                PipelineFile = request.Source,
                RunId = id,
                Parameters = request.Parameters,
                Parallelism = settings.Parallelism,
                EnableCaching = settings.EnableCaching,
                Executor = settings.Executor,
                ComponentFolders = settings.ComponentFolders,
                Home = settings.Home,
                Observer = settings.Observer,
            };
            return StatusOf(await LocalRunner.RunAsync(options, cancellation.Token));
        }
        finally
        {
            inFlight.TryRemove(runId, out _);
        }
    }

    public Task<PipelineRunStatus?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        var slash = runId.IndexOf('/');
        var record = slash > 0 ? new RunStore(settings.Home).Find(runId[..slash], runId[(slash + 1)..]) : null;
        return Task.FromResult(record is null ? null : StatusOf(record));
    }

    public async Task CancelAsync(string runId, CancellationToken cancellationToken = default)
    {
        if (inFlight.TryGetValue(runId, out var cancellation))
        {
            await cancellation.CancelAsync();
        }
    }

    public Task<IReadOnlyList<PipelineRunStatus>> ListAsync(string? pipeline, int limit, CancellationToken cancellationToken = default)
    {
        var runs = settings.Home.Runs;
        var folders = pipeline is null
            ? (Directory.Exists(runs) ? Directory.EnumerateDirectories(runs) : [])
            : [Path.Combine(runs, pipeline)];
        IReadOnlyList<PipelineRunStatus> list = folders
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateDirectories)
            .Select(folder => Path.Combine(folder, "run.json"))
            .Where(File.Exists)
            .Select(file => JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(file), RunRecord.JsonOptions))
            .OfType<RunRecord>()
            .OrderByDescending(r => r.Started)
            .Take(limit)
            .Select(StatusOf)
            .ToList();
        return Task.FromResult(list);
    }

    private static PipelineRunStatus StatusOf(RunRecord record) =>
        new($"{record.Pipeline}/{record.Id}", record.Pipeline, record.State switch
        {
            RunState.Running => PipelineRunState.Running,
            RunState.Succeeded => PipelineRunState.Succeeded,
            RunState.Failed => PipelineRunState.Failed,
            _ => PipelineRunState.Cancelled,
        }, record.Started)
        {
            Ended = record.Ended,
            Error = record.Error,
            OutputArtifacts = record.OutputArtifacts,
        };
}
