using System.Text.Json.Nodes;
using Mlops.Pipelines.Ir;
using Mlops.Runner.Executors;
using Mlops.Runner.Store;

namespace Mlops.Runner.Execution;

public sealed partial class LocalRunner
{
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
            [folder, .. inputs.Artifacts.Values.SelectMany(a => a).Select(a => Path.GetDirectoryName(a.Path)!).Where(d => !d.StartsWith(folder, StringComparison.Ordinal)).Distinct()])
        {
            Masked = masked,
        };

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
}
