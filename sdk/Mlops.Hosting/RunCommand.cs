using System.CommandLine;
using System.Reflection;
using Mlops.Pipelines.Ir;
using Mlops.Runner.Execution;
using Mlops.Runner.Executors;
using Mlops.Runner.Store;

namespace Mlops.Pipelines.Hosting;

/// <summary>
/// <c>run PIPELINE [--param name=value]...</c>: runs a pipeline's compiled IR (the file the build emitted) on the
/// local runner. Ctrl+C stops the running steps and marks the run cancelled.
/// </summary>
internal static class RunCommand
{
    public static Command Create(Assembly assembly)
    {
        var pipeline = new Argument<string>("pipeline") { Description = "The pipeline to run (see 'list')." };
        var parameters = new Option<string[]>("--param", "-p") { Description = "A pipeline parameter, as NAME=VALUE (repeatable)." };
        var executor = new Option<string>("--executor") { Description = "Where steps run: 'process' (on this machine, the default) or 'docker' (a Docker Engine API; DOCKER_HOST)." };
        executor.AcceptOnlyFromAmong("process", "docker");
        var parallelism = new Option<int?>("--parallelism") { Description = "How many steps run at once (default: the number of cores)." };
        var noCache = new Option<bool>("--no-cache") { Description = "Run every step, even those whose inputs did not change." };
        var command = new Command("run", "Runs a pipeline locally.") { pipeline, parameters, executor, parallelism, noCache };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var layout = ProjectLayout.OfProgram();
            var given = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in parsed.GetValue(parameters) ?? [])
            {
                var equals = pair.IndexOf('=');
                if (equals <= 0)
                {
                    Console.Error.WriteLine(Diagnostic.Error(ErrorCodes.Host.ParameterNotNameValue, $"--param '{pair}' is not NAME=VALUE.").ToCanonicalString());
                    return 2;
                }
                given[pair[..equals]] = pair[(equals + 1)..];
            }
            return await RunAsync(assembly, layout, parsed.GetValue(pipeline)!, given,
                parsed.GetValue(executor) ?? "process", parsed.GetValue(parallelism), !parsed.GetValue(noCache), Console.Out, cancellationToken);
        });
        return command;
    }

    /// <summary>The project's own component folders, and those published to the local environment for the other images (sub-pipelines).</summary>
    private static IReadOnlyDictionary<string, string> ComponentFolders(Assembly assembly, ProjectLayout layout, IrFile ir)
    {
        var images = ir.Spec.DeploymentSpec.Executors.Values.Select(e => e.Container?.Image).OfType<string>();
        var folders = new Dictionary<string, string>(LocalComponentFolders.Of(MlopsHome.Default()).FoldersFor(images));
        foreach (var (image, folder) in layout.ComponentFolders(assembly))
        {
            folders[image] = folder;
        }
        return folders;
    }

    public static async Task<int> RunAsync(Assembly assembly, ProjectLayout layout, string pipeline, IReadOnlyDictionary<string, string> parameters,
        string executorName, int? parallelism, bool caching, TextWriter output, CancellationToken cancellationToken)
    {
        var file = layout.PipelineFile(pipeline);
        if (!File.Exists(file))
        {
            var known = Directory.Exists(layout.PipelinesFolder)
                ? string.Join(", ", Directory.EnumerateFiles(layout.PipelinesFolder, "*.yaml").Select(f => $"'{Path.GetFileNameWithoutExtension(f)}'").Order())
                : "none (the project was not built)";
            output.WriteLine(Diagnostic.Error(ErrorCodes.Host.PipelineNotCompiled, $"There is no compiled pipeline '{pipeline}' in {layout.PipelinesFolder}; the pipelines are {known}. Build the project (dotnet build) or check the name.").ToCanonicalString());
            return 1;
        }
        IrFile ir;
        DockerEndpoint? endpoint;
        IReadOnlyDictionary<string, string> componentFolders;
        try
        {
            ir = IrFile.Load(file);
            endpoint = executorName == "docker" ? DockerEndpoint.Resolve() : null;
            componentFolders = ComponentFolders(assembly, layout, ir);
        }
        catch (MlopsException e)
        {
            return Report(e, output);
        }

        using var docker = endpoint is null ? null : new DockerExecutor(endpoint);
        var options = new RunOptions
        {
            Pipeline = ir,
            PipelineFile = file,
            Parameters = parameters,
            Parallelism = parallelism ?? Environment.ProcessorCount,
            EnableCaching = caching,
            Executor = docker ?? (IContainerExecutor)new ProcessExecutor(),
            ComponentFolders = componentFolders,
            Observer = new ConsoleRunObserver(output),
        };
        output.WriteLine($"Running {pipeline} ({options.Executor.Name} executor, {options.Parallelism} at once{(caching ? "" : ", no cache")})");
        RunRecord run;
        try
        {
            run = await LocalRunner.RunAsync(options, cancellationToken);
        }
        catch (RunRequestException e)
        {
            return Report(e, output);
        }
        var folder = LocalRunner.FolderOf(options, run);
        output.WriteLine($"Run {run.Id} {run.State.ToString().ToLowerInvariant()} in {(run.Ended - run.Started)?.TotalSeconds:0.0}s: {folder}");
        foreach (var (name, value) in run.OutputParameters)
        {
            output.WriteLine($"  output {name} = {value?.ToJsonString()}");
        }
        foreach (var (name, path) in run.OutputArtifacts)
        {
            output.WriteLine($"  output {name}: {path}");
        }
        if (run.State == RunState.Failed)
        {
            output.WriteLine(Diagnostic.Error(ErrorCodes.Host.RunFailed, run.Error ?? "the run failed").ToCanonicalString());
        }
        return run.State == RunState.Succeeded ? 0 : 1;
    }

    private static int Report(MlopsException problem, TextWriter output)
    {
        foreach (var diagnostic in problem.Diagnostics)
        {
            output.WriteLine(diagnostic.ToCanonicalString());
        }
        return 1;
    }
}
