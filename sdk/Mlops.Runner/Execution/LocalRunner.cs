using System.Text.Json.Nodes;
using Mlops.Pipelines.Ir;
using Mlops.Runner.Cel;
using Mlops.Runner.Store;

namespace Mlops.Runner.Execution;

/// <summary>
/// Runs a compiled pipeline on this machine, the way a KFP backend would: tasks start when their upstream tasks
/// end, up to <see cref="RunOptions.Parallelism"/> steps at once; values and artifacts flow as the IR wires them;
/// conditions, loops (with their parallelism), exit handlers, retries, nested DAGs and caching all apply.
/// </summary>
public sealed partial class LocalRunner
{
    private readonly RunOptions options;
    private readonly PipelineSpec spec;
    private readonly RunStore store;
    private readonly TaskCache cache;
    private readonly SemaphoreSlim steps;
    private readonly RunRecord record;
    private readonly string folder;
    private readonly Lock gate = new();
    private IReadOnlyList<string> masked = [];

    private LocalRunner(RunOptions options, RunRecord record)
    {
        this.options = options;
        this.record = record;
        spec = options.Pipeline.Spec;
        store = new RunStore(options.Home);
        cache = new TaskCache(options.Home.Cache);
        steps = new SemaphoreSlim(Math.Max(1, options.Parallelism));
        folder = store.RunFolder(record.Pipeline, record.Id);
    }

    /// <exception cref="RunRequestException">A parameter is unknown, missing or of the wrong type; the parallelism is below 1.</exception>
    public static async Task<RunRecord> RunAsync(RunOptions options, CancellationToken cancellationToken = default)
    {
        var spec = options.Pipeline.Spec;
        if (options.Parallelism < 1)
        {
            throw new RunRequestException(Mlops.Diagnostics.ErrorCodes.Host.InvalidParallelism,
                $"--parallelism {options.Parallelism} runs no step; pass 1 or more (the default is the number of cores, {Environment.ProcessorCount}).");
        }
        var parameters = ResolveRootParameters(spec, options.Parameters);
        var record = new RunRecord
        {
            Id = options.RunId ?? RunStore.NewRunId(),
            Pipeline = spec.PipelineInfo.Name,
            PipelineFile = options.PipelineFile,
            Executor = options.Executor.Name,
            Started = DateTimeOffset.UtcNow,
            Parameters = SecretParameters.Recorded(parameters),
        };
        var runner = new LocalRunner(options, record) { masked = SecretParameters.MaskedValues(parameters) };
        runner.store.Save(record);
        Outcome outcome;
        try
        {
            outcome = await runner.ExecuteDagAsync(spec.Root, new Scope(parameters, []), "", cancellationToken);
        }
        catch (OperationCanceledException)
        {
            outcome = Outcome.Cancelled;
        }
        record.State = cancellationToken.IsCancellationRequested ? RunState.Cancelled
            : outcome.State is TaskState.Failed ? RunState.Failed
            : outcome.State is TaskState.Cancelled ? RunState.Cancelled
            : RunState.Succeeded;
        record.Error = outcome.Error;
        record.OutputParameters = new JsonObject(outcome.Parameters.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        record.OutputArtifacts = outcome.Artifacts.Where(a => a.Value.Count > 0).ToDictionary(a => a.Key, a => a.Value[0].Path);
        record.Ended = DateTimeOffset.UtcNow;
        runner.store.Save(record);
        return record;
    }

    public static string FolderOf(RunOptions options, RunRecord record) => new RunStore(options.Home).RunFolder(record.Pipeline, record.Id);

    private sealed record Scope(Dictionary<string, JsonNode?> Parameters, Dictionary<string, List<ArtifactRef>> Artifacts);

    private sealed record Outcome(TaskState State, Dictionary<string, JsonNode?> Parameters, Dictionary<string, List<ArtifactRef>> Artifacts, string? Error = null)
    {
        public static Outcome Skipped => new(TaskState.Skipped, [], []);
        public static Outcome Cancelled => new(TaskState.Cancelled, [], [], "cancelled");
        public static Outcome Failed(string error) => new(TaskState.Failed, [], [], error);
        public bool Ran => State is TaskState.Succeeded or TaskState.Cached;
    }

    private async Task<Outcome> ExecuteDagAsync(ComponentSpec component, Scope scope, string path, CancellationToken cancellationToken)
    {
        var tasks = component.Dag?.Tasks ?? [];
        var running = new Dictionary<string, Lazy<Task<Outcome>>>(StringComparer.Ordinal);
        foreach (var (name, task) in tasks)
        {
            running[name] = new Lazy<Task<Outcome>>(() => RunTaskAsync(name, task, scope, running, Combine(path, name), cancellationToken));
        }
        var started = running.ToDictionary(r => r.Key, r => r.Value.Value, StringComparer.Ordinal);
        await Task.WhenAll(started.Values);
        var outcomes = started.ToDictionary(s => s.Key, s => s.Value.Result, StringComparer.Ordinal);
        var failed = outcomes.FirstOrDefault(o => o.Value.State is TaskState.Failed or TaskState.Cancelled);
        if (failed.Value is not null)
        {
            return new Outcome(failed.Value.State, [], [], failed.Value.Error);
        }
        var parameters = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var artifacts = new Dictionary<string, List<ArtifactRef>>(StringComparer.Ordinal);
        foreach (var (name, output) in component.Dag?.Outputs?.Parameters ?? [])
        {
            var selectors = output.ValueFromParameter is { } single ? [single] : output.ValueFromOneof?.ParameterSelectors ?? [];
            foreach (var selector in selectors)
            {
                if (outcomes.TryGetValue(selector.ProducerSubtask, out var producer) && producer.Parameters.TryGetValue(selector.OutputParameterKey, out var value))
                {
                    parameters[name] = value;
                    break;
                }
            }
        }
        foreach (var (name, output) in component.Dag?.Outputs?.Artifacts ?? [])
        {
            foreach (var selector in output.ArtifactSelectors)
            {
                if (outcomes.TryGetValue(selector.ProducerSubtask, out var producer) && producer.Artifacts.TryGetValue(selector.OutputArtifactKey, out var value))
                {
                    artifacts[name] = value;
                    break;
                }
            }
        }
        return new Outcome(TaskState.Succeeded, parameters, artifacts);
    }

    private async Task<Outcome> RunTaskAsync(string name, PipelineTaskSpec task, Scope scope, Dictionary<string, Lazy<Task<Outcome>>> siblings,
        string path, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var started = DateTimeOffset.UtcNow;
        var upstream = new Dictionary<string, Outcome>(StringComparer.Ordinal);
        foreach (var dependency in task.DependentTasks ?? [])
        {
            if (siblings.TryGetValue(dependency, out var lazy))
            {
                upstream[dependency] = await lazy.Value;
            }
        }
        var whenAllComplete = task.TriggerPolicy?.Strategy == TriggerStrategy.AllUpstreamTasksCompleted;
        if (!whenAllComplete && upstream.Values.Any(o => o.State is TaskState.Failed or TaskState.Cancelled))
        {
            return Record(path, Outcome.Skipped, started, 0, null,
                upstream.Values.Any(o => o.State is TaskState.Failed) ? "an upstream task failed" : "an upstream task was cancelled");
        }
        if (cancellationToken.IsCancellationRequested)
        {
            return Record(path, Outcome.Cancelled, started, 0, null, "cancelled");
        }

        var component = spec.Components?.GetValueOrDefault(task.ComponentRef.Name);
        if (component is null)
        {
            return Record(path, Outcome.Failed($"component '{task.ComponentRef.Name}' is not in the pipeline"), started, 0, null, null);
        }
        Scope inputs;
        try
        {
            inputs = await ResolveInputsAsync(task, component, scope, siblings, upstream);
        }
        catch (InputException e)
        {
            return Record(path, Outcome.Failed($"task '{path}': {e.Message}"), started, 0, null, null);
        }

        if (task.TriggerPolicy?.Condition is { Length: > 0 } condition)
        {
            bool holds;
            try
            {
                holds = CelEvaluator.EvaluateCondition(condition, p => inputs.Parameters.GetValueOrDefault(p));
            }
            catch (CelException e)
            {
                return Record(path, Outcome.Failed($"task '{path}': condition {condition} cannot be evaluated: {e.Message}"), started, 0, null, null);
            }
            if (!holds)
            {
                return Record(path, Outcome.Skipped, started, 0, null, "condition is false");
            }
        }

        if (task.ParameterIterator is not null || task.ArtifactIterator is not null)
        {
            return await RunLoopAsync(task, component, inputs, path, cancellationToken);
        }
        if (component.Dag is not null)
        {
            return await ExecuteDagAsync(component, inputs, path, cancellationToken);
        }
        if (component.ExecutorLabel is not { } label || !spec.DeploymentSpec.Executors.TryGetValue(label, out var executor))
        {
            return Record(path, Outcome.Failed($"task '{path}' has no executor"), started, 0, null, null);
        }
        return await RunStepAsync(name, path, task, component, executor, inputs, cancellationToken);
    }

    private Outcome Record(string path, Outcome outcome, DateTimeOffset started, int attempts, int? exitCode, string? note, string? logPath = null,
        DateTimeOffset? ended = null)
    {
        var entry = new TaskRecord(path, outcome.State, started, ended ?? DateTimeOffset.UtcNow, attempts, exitCode, outcome.Error ?? note);
        lock (gate)
        {
            record.Tasks.Add(entry);
        }
        options.Observer.TaskEnded(entry, outcome.State == TaskState.Failed && logPath is not null && File.Exists(logPath) ? Tail(logPath, 20) : null);
        return outcome;
    }

    private static string Tail(string file, int lines) => string.Join('\n', File.ReadLines(file).TakeLast(lines));

    private static string Combine(string path, string name) => path.Length == 0 ? name : $"{path}/{name}";
}
