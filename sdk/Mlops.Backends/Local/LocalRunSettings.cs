using Mlops.Runner.Execution;
using Mlops.Runner.Executors;

namespace Mlops.Backends.Local;

/// <summary>How the local backend runs steps; what runs comes with each request.</summary>
public sealed record LocalRunSettings
{
    public required MlopsHome Home { get; init; }

    public IContainerExecutor Executor { get; init; } = new ProcessExecutor();

    /// <summary>Image reference → component folder, where a step runs as a local process.</summary>
    public IReadOnlyDictionary<string, string> ComponentFolders { get; init; } = new Dictionary<string, string>();

    public int Parallelism { get; init; } = Environment.ProcessorCount;

    public bool EnableCaching { get; init; } = true;

    public IRunObserver Observer { get; init; } = NullRunObserver.Instance;
}
