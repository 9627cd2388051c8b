using Mlops.Pipelines.Ir;
using Mlops.Runner.Executors;
using Mlops.Runner.Store;

namespace Mlops.Runner.Execution;

/// <summary>What to run and how.</summary>
public sealed class RunOptions
{
    /// <summary>The compiled pipeline: the runner executes the IR, so what runs locally is what ships.</summary>
    public required IrFile Pipeline { get; init; }

    public string PipelineFile { get; init; } = "";

    /// <summary>The run's id, when the caller names it before the run starts (to follow or cancel it); else a new one.</summary>
    public string? RunId { get; init; }

    /// <summary>Pipeline parameters as text (<c>--param name=value</c>), parsed by each input's type.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>How many steps run at once.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The per-run switch for KFP's execution cache (tasks switch it off with <c>WithCaching(false)</c>).</summary>
    public bool EnableCaching { get; init; } = true;

    public IContainerExecutor Executor { get; init; } = new ProcessExecutor();

    /// <summary>Image reference → the project's component folder, where a step runs as a local process.</summary>
    public IReadOnlyDictionary<string, string> ComponentFolders { get; init; } = new Dictionary<string, string>();

    public MlopsHome Home { get; init; } = MlopsHome.Default();

    public IRunObserver Observer { get; init; } = NullRunObserver.Instance;
}

/// <summary>A problem with the run request itself (not with a step): reported before anything runs.</summary>
public sealed class RunRequestException(string code, string message) : Mlops.Diagnostics.MlopsException(code, message);
