using Mlops.Backends;
using Mlops.Diagnostics;

namespace Mlops.Publishing.Runs;

/// <summary>
/// Follows a remote run to its end (<c>submit --wait</c>): polls the backend (from <see cref="FirstPoll"/>, growing
/// to <see cref="MaxPoll"/>, as the aiplatform SDK does), prints a line when the run or one of its tasks changes state,
/// and on cancellation (Ctrl+C) asks the backend to cancel the run and follows it until the backend says it ended.
/// The run's end decides the outcome: succeeded returns it; failed is MLOPS6083 with the failing task, its exit code
/// and message; cancelled is MLOPS6084.
/// </summary>
public sealed class RunFollower(IPipelineBackend backend, TextWriter output)
{
    public TimeSpan FirstPoll { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxPoll { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for a cancelled run to end before giving up on following it.</summary>
    public TimeSpan CancelGrace { get; init; } = TimeSpan.FromMinutes(2);

    public async Task<PipelineRunStatus> FollowAsync(PipelineRunStatus submitted, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, PipelineTaskState>(StringComparer.Ordinal);
        var state = submitted.State;
        output.WriteLine($"  {Clock()} {submitted.RunId}: {state}");
        var delay = FirstPoll;
        var status = submitted;
        var cancelAsked = false;
        using var grace = new CancellationTokenSource();
        while (!status.HasEnded)
        {
            try
            {
                await Task.Delay(delay, cancelAsked ? grace.Token : cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancelAsked && cancellationToken.IsCancellationRequested)
            {
                cancelAsked = true;
                grace.CancelAfter(CancelGrace);
                output.WriteLine($"  {Clock()} cancelling {status.RunId} (Ctrl+C); waiting for {backend.Kind} to stop it");
                await backend.CancelAsync(status.RunId, grace.Token).ConfigureAwait(false);
            }
            delay = TimeSpan.FromTicks(Math.Min(MaxPoll.Ticks, (long)(delay.Ticks * 1.5)));
            status = await backend.GetAsync(status.RunId, cancelAsked ? grace.Token : CancellationToken.None).ConfigureAwait(false)
                ?? throw new MlopsException(ErrorCodes.Runs.RunVanished, $"{backend.Kind} no longer knows run {status.RunId}; it was deleted while being followed. Look for it in the console of the environment's runner.");
            foreach (var task in status.Tasks)
            {
                if (!seen.TryGetValue(task.Name, out var before) || before != task.State)
                {
                    seen[task.Name] = task.State;
                    output.WriteLine($"  {Clock()}   {task.Name}: {task.State}{(task.State == PipelineTaskState.Failed && task.Error is { } error ? $" ({error})" : "")}");
                }
            }
            if (status.State != state)
            {
                state = status.State;
                output.WriteLine($"  {Clock()} {status.RunId}: {state}");
            }
        }
        return status.State switch
        {
            PipelineRunState.Succeeded => status,
            PipelineRunState.Cancelled => throw new MlopsException(ErrorCodes.Runs.RunCancelled,
                $"Run {status.RunId} was cancelled{(status.Error is { Length: > 0 } why ? $": {why}" : "")}. Submit it again to run it."),
            _ => throw Failed(status),
        };
    }

    private static MlopsException Failed(PipelineRunStatus status)
    {
        var task = status.Tasks.FirstOrDefault(t => t.State == PipelineTaskState.Failed);
        var where = task is null ? "" : $" in task '{task.Name}'{(task.ExitCode is { } code ? $" (exit code {code})" : "")}";
        var why = task?.Error ?? status.Error ?? "the backend gave no reason";
        return new MlopsException(ErrorCodes.Runs.RunFailed,
            $"Run {status.RunId} failed{where}: {why}. Read the task's log in the runner's console, fix the step, publish and submit again.");
    }

    private static string Clock() => DateTimeOffset.UtcNow.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
