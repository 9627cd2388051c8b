using Mlops.Pipelines;
using Mlops.Runner.Store;

namespace Mlops.Runner.Tests.Execution;

public sealed class ReliabilityTests : IDisposable
{
    private readonly RunnerHarness harness = new();

    [Pipeline("flaky")]
    public sealed class FlakyPipeline : Pipeline
    {
        public Input<string> Counter { get; init; } = "";
        public Input<int> Retries { get; init; } = 2;

        protected override void Build() =>
            Run(new Flaky { CounterFile = Counter, SucceedOnAttempt = 3 }).WithRetries(2, backoff: TimeSpan.Zero);
    }

    [Fact]
    public async Task A_failing_task_is_retried_as_its_retry_policy_says()
    {
        var counter = Path.Combine(harness.Home, "count");
        var run = await harness.RunAsync(new FlakyPipeline(), new Dictionary<string, string> { ["counter"] = counter });

        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal(3, RunnerHarness.Task(run, "flaky").Attempts);
        Assert.Equal("3", File.ReadAllText(counter).Trim());
    }

    [Pipeline("failing")]
    public sealed class Failing : Pipeline
    {
        protected override void Build()
        {
            var fail = Run(new Fail { Message = "the table crm.customers is empty" });
            Run(new Say { Message = "after" }).After(fail);
            Run(new Say { Message = "independent" });
        }
    }

    [Fact]
    public async Task A_failure_names_the_task_its_exit_code_and_the_tail_of_its_log()
    {
        var run = await harness.RunAsync(new Failing());

        Assert.Equal(RunState.Failed, run.State);
        var failed = RunnerHarness.Task(run, "fail");
        Assert.Equal(3, failed.ExitCode);
        Assert.Contains("task 'fail' exited with code 3", run.Error);
        Assert.Contains("the table crm.customers is empty", harness.Observer.LastLogTail);
        Assert.Equal(TaskState.Skipped, RunnerHarness.Task(run, "say").State);
        Assert.Equal(TaskState.Succeeded, RunnerHarness.Task(run, "say-2").State);
    }

    [Pipeline("two-sleeps")]
    public sealed class TwoSleeps : Pipeline
    {
        protected override void Build()
        {
            Run(new Sleep { Seconds = 1.0, Mark = "a" });
            Run(new Sleep { Seconds = 1.0, Mark = "b" });
        }
    }

    [Fact]
    public async Task Independent_tasks_run_at_the_same_time()
    {
        var run = await harness.RunAsync(new TwoSleeps(), parallelism: 2);

        var a = RunnerHarness.Task(run, "sleep");
        var b = RunnerHarness.Task(run, "sleep-2");
        Assert.True(a.Started < b.Ended && b.Started < a.Ended, $"the two steps did not overlap: {a.Started:O}-{a.Ended:O} and {b.Started:O}-{b.Ended:O}");
    }

    [Fact]
    public async Task With_a_parallelism_of_one_they_do_not()
    {
        var run = await harness.RunAsync(new TwoSleeps(), parallelism: 1);

        var a = RunnerHarness.Task(run, "sleep");
        var b = RunnerHarness.Task(run, "sleep-2");
        Assert.False(a.Started < b.Ended && b.Started < a.Ended);
    }

    [Pipeline("long")]
    public sealed class Long : Pipeline
    {
        protected override void Build() => Run(new Sleep { Seconds = 60.0 });
    }

    [Fact]
    public async Task Cancelling_stops_the_running_steps_and_marks_the_run_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var running = harness.RunAsync(new Long(), cancellationToken: cancellation.Token);
        while (!harness.Observer.Events.Contains("start sleep"))
        {
            await Task.Delay(20);
        }
        cancellation.Cancel();
        var run = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunState.Cancelled, run.State);
        Assert.Equal(TaskState.Cancelled, RunnerHarness.Task(run, "sleep").State);
    }

    public void Dispose() => harness.Dispose();
}
