using Mlops.Runner.Store;

namespace Mlops.Runner.Execution;

/// <summary>Hears a run's progress (the console shows it; tests record it).</summary>
public interface IRunObserver
{
    void TaskStarted(string path);

    void TaskEnded(TaskRecord task, string? logTail);
}

public sealed class NullRunObserver : IRunObserver
{
    public static NullRunObserver Instance { get; } = new();
    public void TaskStarted(string path) { }
    public void TaskEnded(TaskRecord task, string? logTail) { }
}
