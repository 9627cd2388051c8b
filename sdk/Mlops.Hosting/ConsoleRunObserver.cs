using Mlops.Runner.Execution;
using Mlops.Runner.Store;

namespace Mlops.Pipelines.Hosting;

/// <summary>Shows a run's progress on the console: a line when a step starts and when a task ends.</summary>
internal sealed class ConsoleRunObserver(TextWriter output) : IRunObserver
{
    private readonly Lock gate = new();

    public void TaskStarted(string path)
    {
        lock (gate)
        {
            output.WriteLine($"  started    {path}");
        }
    }

    public void TaskEnded(TaskRecord task, string? logTail)
    {
        var seconds = (task.Ended - task.Started).TotalSeconds;
        var word = task.State switch
        {
            TaskState.Succeeded => "succeeded",
            TaskState.Cached => "cached",
            TaskState.Failed => "FAILED",
            TaskState.Skipped => "skipped",
            _ => "cancelled",
        };
        lock (gate)
        {
            var detail = task.State switch
            {
                TaskState.Succeeded => $" ({seconds:0.0}s{(task.Attempts > 1 ? $", {task.Attempts} attempts" : "")})",
                TaskState.Failed => $" ({task.Error})",
                TaskState.Skipped => $" ({task.Error})",
                _ => "",
            };
            output.WriteLine($"  {word,-10} {task.Path}{detail}");
            if (logTail is not null)
            {
                output.WriteLine("  --- last lines of its log ---");
                foreach (var line in logTail.Split('\n'))
                {
                    output.WriteLine("  | " + line);
                }
            }
        }
    }
}
