using Mlops.Pipelines;
using Mlops.Pipelines.Compiler;
using Mlops.Pipelines.Ir;
using Mlops.Runner.Execution;
using Mlops.Runner.Store;

namespace Mlops.Runner.Tests.Execution;

/// <summary>Compiles a pipeline, round-trips it through its YAML (the runner executes what ships) and runs it.</summary>
public sealed class RunnerHarness : IDisposable
{
    private readonly TempFolder home = new("mlops-runner-");

    public string Home => home.Path;

    public RecordingObserver Observer { get; } = new();

    public static IrFile Compile(Pipeline pipeline)
    {
        var compiled = PipelineCompiler.Compile(pipeline, new CompileOptions { SdkVersion = "mlops-sdk-test" }).EnsureSuccess();
        return IrFile.Parse(compiled.ToYaml(), compiled.Name + ".yaml");
    }

    public RunOptions Options(Pipeline pipeline, IReadOnlyDictionary<string, string>? parameters = null, bool caching = false, int parallelism = 4) => new()
    {
        Pipeline = Compile(pipeline),
        Parameters = parameters ?? new Dictionary<string, string>(),
        EnableCaching = caching,
        Parallelism = parallelism,
        Home = new MlopsHome(Home),
        Observer = Observer,
    };

    public Task<RunRecord> RunAsync(Pipeline pipeline, IReadOnlyDictionary<string, string>? parameters = null, bool caching = false, int parallelism = 4,
        CancellationToken cancellationToken = default) =>
        LocalRunner.RunAsync(Options(pipeline, parameters, caching, parallelism), cancellationToken);

    public static TaskRecord Task(RunRecord run, string path) =>
        run.Tasks.SingleOrDefault(t => t.Path == path) ?? throw new Xunit.Sdk.XunitException(
            $"no task '{path}' in the run; it has {string.Join(", ", run.Tasks.Select(t => $"{t.Path}={t.State}"))}");

    public void Dispose() => home.Dispose();
}

public sealed class RecordingObserver : IRunObserver
{
    private readonly List<string> events = [];

    public IReadOnlyList<string> Events { get { lock (events) return events.ToList(); } }
    public string? LastLogTail { get; private set; }

    public void TaskStarted(string path) { lock (events) events.Add("start " + path); }

    public void TaskEnded(TaskRecord task, string? logTail)
    {
        lock (events)
        {
            events.Add($"end {task.Path} {task.State}");
            LastLogTail = logTail ?? LastLogTail;
        }
    }
}
