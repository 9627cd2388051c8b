using System.Text.Json.Nodes;
using Mlops.Pipelines.Ir;
using Mlops.Runner.Cel;
using Mlops.Runner.Executors;
using Mlops.Runner.Store;
using Polly;
using Polly.Retry;

namespace Mlops.Runner.Execution;

/// <summary>
/// Runs a compiled pipeline on this machine, the way a KFP backend would: tasks start when their upstream tasks
/// end, up to <see cref="RunOptions.Parallelism"/> steps at once; values and artifacts flow as the IR wires them;
/// conditions, loops (with their parallelism), exit handlers, retries, nested DAGs and caching all apply.
/// </summary>
public sealed class LocalRunner
{
    private readonly RunOptions options;
    private readonly PipelineSpec spec;
    private readonly RunStore store;
    private readonly TaskCache cache;
    private readonly SemaphoreSlim steps;
    private readonly RunRecord record;
    private readonly string folder;
    private readonly Lock gate = new();

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

    /// <exception cref="RunRequestException">A parameter is unknown, missing or of the wrong type.</exception>
    public static async Task<RunRecord> RunAsync(RunOptions options, CancellationToken cancellationToken = default)
    {
        var spec = options.Pipeline.Spec;
        var parameters = ResolveRootParameters(spec, options.Parameters);
        var record = new RunRecord
        {
            Id = options.RunId ?? RunStore.NewRunId(),
            Pipeline = spec.PipelineInfo.Name,
            PipelineFile = options.PipelineFile,
            Executor = options.Executor.Name,
            Started = DateTimeOffset.UtcNow,
            Parameters = new JsonObject(parameters.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))),
        };
        var runner = new LocalRunner(options, record);
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

    private static Dictionary<string, JsonNode?> ResolveRootParameters(PipelineSpec spec, IReadOnlyDictionary<string, string> given)
    {
        var definitions = spec.Root.InputDefinitions?.Parameters ?? [];
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, text) in given)
        {
            if (!definitions.TryGetValue(name, out var definition))
            {
                throw new RunRequestException("MLOPS2001",
                    $"Pipeline '{spec.PipelineInfo.Name}' has no parameter '{name}'; its parameters are {string.Join(", ", definitions.Keys.Select(k => $"'{k}'"))}.");
            }
            try
            {
                values[name] = ParameterValues.FromCommandLine(text, definition.ParameterType);
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or OverflowException)
            {
                throw new RunRequestException("MLOPS2002",
                    $"Parameter '{name}' of '{spec.PipelineInfo.Name}' takes a {definition.ParameterType} value; '{text}' is not one.");
            }
        }
        foreach (var (name, definition) in definitions)
        {
            if (values.ContainsKey(name))
            {
                continue;
            }
            if (definition.DefaultValue is not null)
            {
                values[name] = definition.DefaultValue.DeepClone();
            }
            else if (!definition.IsOptional)
            {
                throw new RunRequestException("MLOPS2003",
                    $"Pipeline '{spec.PipelineInfo.Name}' needs parameter '{name}' ({definition.ParameterType}); pass it as --param {name}=VALUE.");
            }
        }
        var missingArtifacts = (spec.Root.InputDefinitions?.Artifacts ?? []).Where(a => !a.Value.IsOptional).Select(a => a.Key).ToList();
        if (missingArtifacts.Count > 0)
        {
            throw new RunRequestException("MLOPS2003",
                $"Pipeline '{spec.PipelineInfo.Name}' needs input artifacts ({string.Join(", ", missingArtifacts)}), which a local run cannot provide yet; run a pipeline that produces them.");
        }
        return values;
    }

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
            return Record(path, Outcome.Skipped, started, 0, null, "an upstream task failed");
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

    private sealed class InputException(string message) : Exception(message);

    private async Task<Scope> ResolveInputsAsync(PipelineTaskSpec task, ComponentSpec component, Scope scope,
        Dictionary<string, Lazy<Task<Outcome>>> siblings, Dictionary<string, Outcome> upstream)
    {
        async Task<Outcome> Producer(string producer) =>
            upstream.TryGetValue(producer, out var known) ? known
            : siblings.TryGetValue(producer, out var lazy) ? await lazy.Value
            : throw new InputException($"it reads task '{producer}', which is not in its DAG");

        var parameters = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (input, source) in task.Inputs?.Parameters ?? [])
        {
            JsonNode? value;
            if (source.RuntimeValue is { } runtime)
            {
                value = runtime.Constant?.DeepClone();
            }
            else if (source.ComponentInputParameter is { } parent)
            {
                if (!scope.Parameters.TryGetValue(parent, out value))
                {
                    continue;
                }
            }
            else if (source.TaskOutputParameter is { } output)
            {
                var producer = await Producer(output.ProducerTask);
                if (!producer.Parameters.TryGetValue(output.OutputParameterKey, out value))
                {
                    throw new InputException($"input '{input}' needs output '{output.OutputParameterKey}' of task '{output.ProducerTask}', which {(producer.Ran ? "did not produce it" : "did not run")}");
                }
            }
            else if (source.TaskFinalStatus is { } status)
            {
                var producer = await Producer(status.ProducerTask);
                value = new JsonObject
                {
                    ["state"] = producer.State switch { TaskState.Failed => "FAILED", TaskState.Cancelled => "CANCELLED", _ => "SUCCEEDED" },
                    ["pipelineJobResourceName"] = $"{record.Pipeline}-{record.Id}",
                    ["pipelineTaskName"] = status.ProducerTask,
                    ["error"] = new JsonObject { ["message"] = producer.Error ?? "" },
                };
            }
            else
            {
                continue;
            }
            if (source.ParameterExpressionSelector is { Length: > 0 } selector)
            {
                value = CelEvaluator.Select(selector, value is JsonValue ? value : JsonValue.Create(value?.ToJsonString()));
            }
            parameters[input] = value;
        }
        foreach (var (input, definition) in component.InputDefinitions?.Parameters ?? [])
        {
            if (!parameters.ContainsKey(input) && definition.DefaultValue is not null)
            {
                parameters[input] = definition.DefaultValue.DeepClone();
            }
        }
        var artifacts = new Dictionary<string, List<ArtifactRef>>(StringComparer.Ordinal);
        foreach (var (input, source) in task.Inputs?.Artifacts ?? [])
        {
            if (source.ComponentInputArtifact is { } parent)
            {
                if (scope.Artifacts.TryGetValue(parent, out var list))
                {
                    artifacts[input] = list;
                }
            }
            else if (source.TaskOutputArtifact is { } output)
            {
                var producer = await Producer(output.ProducerTask);
                artifacts[input] = producer.Artifacts.TryGetValue(output.OutputArtifactKey, out var list) ? list
                    : throw new InputException($"input '{input}' needs artifact '{output.OutputArtifactKey}' of task '{output.ProducerTask}', which {(producer.Ran ? "did not produce it" : "did not run")}");
            }
        }
        return new Scope(parameters, artifacts);
    }

    private async Task<Outcome> RunLoopAsync(PipelineTaskSpec task, ComponentSpec component, Scope inputs, string path, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        List<Action<Scope>> iterations;
        if (task.ParameterIterator is { } parameterIterator)
        {
            var items = parameterIterator.Items.Raw is { } raw ? JsonNode.Parse(raw)
                : inputs.Parameters.GetValueOrDefault(parameterIterator.Items.InputParameter ?? "") switch
                {
                    JsonValue text when text.GetValueKind() == System.Text.Json.JsonValueKind.String => JsonNode.Parse(text.GetValue<string>()),
                    var node => node,
                };
            if (items is not JsonArray array)
            {
                return Record(path, Outcome.Failed($"task '{path}' loops over {items?.ToJsonString() ?? "nothing"}, which is not a list"), started, 0, null, null);
            }
            iterations = array.Select(item => (Action<Scope>)(scope => scope.Parameters[parameterIterator.ItemInput] = item?.DeepClone())).ToList();
        }
        else
        {
            var iterator = task.ArtifactIterator!;
            var list = inputs.Artifacts.GetValueOrDefault(iterator.Items.InputArtifact ?? "") ?? [];
            iterations = list.Select(artifact => (Action<Scope>)(scope => scope.Artifacts[iterator.ItemInput] = [artifact])).ToList();
        }

        var limit = task.IteratorPolicy?.ParallelismLimit is > 0 and var l ? l : int.MaxValue;
        using var throttle = new SemaphoreSlim(Math.Min(limit, Math.Max(1, iterations.Count)));
        var runs = iterations.Select(async (bind, index) =>
        {
            await throttle.WaitAsync(cancellationToken);
            try
            {
                var scope = new Scope(new Dictionary<string, JsonNode?>(inputs.Parameters), new Dictionary<string, List<ArtifactRef>>(inputs.Artifacts));
                bind(scope);
                return await ExecuteDagAsync(component, scope, $"{path}/{index}", cancellationToken);
            }
            finally
            {
                throttle.Release();
            }
        }).ToList();
        var outcomes = await Task.WhenAll(runs);
        if (outcomes.FirstOrDefault(o => o.State is TaskState.Failed or TaskState.Cancelled) is { } failed)
        {
            return failed;
        }
        var parameters = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var name in component.OutputDefinitions?.Parameters?.Keys ?? Enumerable.Empty<string>())
        {
            parameters[name] = new JsonArray(outcomes.Select(o => o.Parameters.GetValueOrDefault(name)?.DeepClone()).ToArray());
        }
        var artifacts = new Dictionary<string, List<ArtifactRef>>(StringComparer.Ordinal);
        foreach (var name in component.OutputDefinitions?.Artifacts?.Keys ?? Enumerable.Empty<string>())
        {
            artifacts[name] = outcomes.SelectMany(o => o.Artifacts.GetValueOrDefault(name) ?? []).ToList();
        }
        return new Outcome(TaskState.Succeeded, parameters, artifacts);
    }

    private async Task<Outcome> RunStepAsync(string name, string path, PipelineTaskSpec task, ComponentSpec component, ExecutorSpec executor,
        Scope inputs, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var taskFolder = Path.Combine(folder, "tasks", path.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.Combine(taskFolder, "artifacts"));
        Directory.CreateDirectory(Path.Combine(taskFolder, "outputs"));

        if (executor.Importer is { } importer)
        {
            var uri = importer.ArtifactUri.Constant?.GetValue<string>() ?? ParameterValues.ToText(inputs.Parameters.GetValueOrDefault(importer.ArtifactUri.RuntimeParameter ?? "uri"));
            var imported = new ArtifactRef("artifact", uri.StartsWith("file://", StringComparison.Ordinal) ? new Uri(uri).LocalPath : uri,
                importer.TypeSchema.SchemaTitle ?? "system.Artifact", importer.TypeSchema.SchemaVersion ?? "0.0.1");
            return Record(path, new Outcome(TaskState.Succeeded, [], new() { ["artifact"] = [imported] }), started, 1, 0, null);
        }
        var container = executor.Container!;
        var io = new TaskIo
        {
            ExecutorOutputFile = Path.Combine(taskFolder, "executor_output.json"),
            TaskName = name,
            RunId = record.Id,
            PipelineName = record.Pipeline,
            PipelineRoot = Path.Combine(folder, "tasks"),
        };
        foreach (var (key, value) in inputs.Parameters) io.Parameters[key] = value;
        foreach (var (key, value) in inputs.Artifacts) io.InputArtifacts[key] = value;
        foreach (var (output, definition) in component.OutputDefinitions?.Artifacts ?? [])
        {
            io.OutputArtifacts[output] = new ArtifactRef(output, Path.Combine(taskFolder, "artifacts", output),
                definition.ArtifactType.SchemaTitle ?? "system.Artifact", definition.ArtifactType.SchemaVersion ?? "0.0.1");
        }
        foreach (var output in component.OutputDefinitions?.Parameters?.Keys ?? Enumerable.Empty<string>())
        {
            io.OutputParameterFiles[output] = Path.Combine(taskFolder, "outputs", output);
        }

        var cacheKey = options.EnableCaching && task.CachingOptions?.EnableCache == true
            ? TaskCache.Key(executor, component, inputs.Parameters, inputs.Artifacts)
            : null;
        if (cacheKey is not null && cache.TryRestore(cacheKey, taskFolder, out var cachedParameters))
        {
            var cached = new Outcome(TaskState.Cached, cachedParameters.ToDictionary(p => p.Key, p => p.Value?.DeepClone()),
                io.OutputArtifacts.ToDictionary(a => a.Key, a => new List<ArtifactRef> { a.Value }));
            return Record(path, cached, started, 0, 0, null);
        }

        var image = Placeholders.Substitute(container.Image, io);
        var launch = new ContainerLaunch(
            name,
            image,
            Placeholders.Resolve(container.Command ?? [], io),
            Placeholders.Resolve(container.Args ?? [], io),
            (container.Env ?? []).ToDictionary(e => e.Name, e => Placeholders.Substitute(e.Value ?? "", io)),
            taskFolder,
            Path.Combine(taskFolder, "log.txt"),
            options.ComponentFolders.GetValueOrDefault(image),
            [folder, .. inputs.Artifacts.Values.SelectMany(a => a).Select(a => Path.GetDirectoryName(a.Path)!).Where(d => !d.StartsWith(folder, StringComparison.Ordinal)).Distinct()]);

        options.Observer.TaskStarted(path);
        var attempts = 0;
        int exitCode;
        DateTimeOffset? ran = null; // when the last attempt gave its slot back: the step's end, whatever is recorded after
        try
        {
            exitCode = await Retry(task.RetryPolicy).ExecuteAsync(async token =>
            {
                attempts++;
                await File.AppendAllTextAsync(launch.LogPath, attempts > 1 ? $"--- attempt {attempts} ---\n" : "", token);
                await steps.WaitAsync(token);
                if (attempts == 1)
                {
                    started = DateTimeOffset.UtcNow; // waiting for a free slot is not running
                }
                try
                {
                    return await options.Executor.RunAsync(launch, token);
                }
                finally
                {
                    ran = DateTimeOffset.UtcNow;
                    steps.Release();
                }
            }, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return Record(path, Outcome.Cancelled, started, attempts, null, "cancelled", launch.LogPath);
        }
        catch (StepFailedException e)
        {
            return Record(path, Outcome.Failed(e.Message), started, attempts, null, null, launch.LogPath);
        }
        if (exitCode != 0)
        {
            return Record(path, Outcome.Failed($"task '{path}' exited with code {exitCode}{(attempts > 1 ? $" after {attempts} attempts" : "")}; its log is {launch.LogPath}"),
                started, attempts, exitCode, null, launch.LogPath);
        }

        var parameters = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var executorOutput = File.Exists(io.ExecutorOutputFile) ? JsonNode.Parse(File.ReadAllText(io.ExecutorOutputFile)) as JsonObject : null;
        foreach (var (output, definition) in component.OutputDefinitions?.Parameters ?? [])
        {
            if (executorOutput?["parameterValues"]?[output] is { } fromExecutorOutput)
            {
                parameters[output] = fromExecutorOutput.DeepClone();
                continue;
            }
            var file = io.OutputParameterFiles[output];
            if (!File.Exists(file))
            {
                return Record(path, Outcome.Failed($"task '{path}' succeeded but did not write its output parameter '{output}' to {file}"), started, attempts, 0, null, launch.LogPath);
            }
            try
            {
                parameters[output] = ParameterValues.Parse(File.ReadAllText(file), definition.ParameterType);
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or OverflowException)
            {
                return Record(path, Outcome.Failed($"task '{path}' wrote '{File.ReadAllText(file).Trim()}' to output '{output}', which is not a {definition.ParameterType}"), started, attempts, 0, null, launch.LogPath);
            }
        }
        if (cacheKey is not null)
        {
            cache.Store(cacheKey, taskFolder, new JsonObject(parameters.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))));
        }
        var succeeded = new Outcome(TaskState.Succeeded, parameters, io.OutputArtifacts.ToDictionary(a => a.Key, a => new List<ArtifactRef> { a.Value }));
        return Record(path, succeeded, started, attempts, 0, null, launch.LogPath, ran);
    }

    /// <summary>KFP's retry policy: up to maxRetryCount more tries, waiting backoff·factor^n, at most backoffMaxDuration.</summary>
    private static ResiliencePipeline<int> Retry(RetryPolicy? policy)
    {
        if (policy is not { MaxRetryCount: > 0 })
        {
            return ResiliencePipeline<int>.Empty;
        }
        var backoff = Seconds(policy.BackoffDuration) ?? TimeSpan.Zero;
        var factor = policy.BackoffFactor <= 0 ? 2.0 : policy.BackoffFactor;
        var max = Seconds(policy.BackoffMaxDuration) ?? TimeSpan.FromHours(1);
        return new ResiliencePipelineBuilder<int>()
            .AddRetry(new RetryStrategyOptions<int>
            {
                ShouldHandle = new PredicateBuilder<int>().HandleResult(code => code != 0),
                MaxRetryAttempts = policy.MaxRetryCount,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    TimeSpan.FromSeconds(Math.Min(max.TotalSeconds, backoff.TotalSeconds * Math.Pow(factor, args.AttemptNumber)))),
            })
            .Build();
    }

    private static TimeSpan? Seconds(string? duration) =>
        duration is { Length: > 1 } && duration.EndsWith('s') && double.TryParse(duration[..^1], System.Globalization.CultureInfo.InvariantCulture, out var s)
            ? TimeSpan.FromSeconds(s) : null;

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
