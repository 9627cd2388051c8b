using Mlops.Pipelines;
using Mlops.Runner.Store;

namespace Mlops.Runner.Tests.Execution;

public sealed class CachingTests : IDisposable
{
    private readonly RunnerHarness harness = new();

    [Pipeline("counted")]
    public sealed class Counted : Pipeline
    {
        public Input<string> Log { get; init; } = "";
        public Input<string> Value { get; init; } = "v1";
        public Output<string> Echo { get; } = new();

        protected override void Build()
        {
            var counter = Run(new Counter { Log = Log, Value = Value });
            Run(new Counter { Log = Log, Value = "uncached" }).WithCaching(false);
            SetOutput(Echo, counter.Outputs.Echo);
        }
    }

    [Fact]
    public async Task A_second_run_reuses_unchanged_steps_and_reruns_changed_ones()
    {
        var log = Path.Combine(harness.Home, "runs.log");
        var parameters = new Dictionary<string, string> { ["log"] = log };

        var cold = await harness.RunAsync(new Counted(), parameters, caching: true);
        var warm = await harness.RunAsync(new Counted(), parameters, caching: true);
        var changed = await harness.RunAsync(new Counted(), new Dictionary<string, string> { ["log"] = log, ["value"] = "v2" }, caching: true);

        Assert.Equal(TaskState.Succeeded, RunnerHarness.Task(cold, "counter").State);
        Assert.Equal(TaskState.Cached, RunnerHarness.Task(warm, "counter").State);
        Assert.Equal("v1", warm.OutputParameters["echo"]!.GetValue<string>());
        Assert.Equal(TaskState.Succeeded, RunnerHarness.Task(warm, "counter-2").State);
        Assert.Equal(TaskState.Succeeded, RunnerHarness.Task(changed, "counter").State);
        Assert.Equal("v2", changed.OutputParameters["echo"]!.GetValue<string>());
        Assert.Equal(5, File.ReadAllLines(log).Length);
    }

    [Fact]
    public async Task The_per_run_switch_turns_caching_off()
    {
        var log = Path.Combine(harness.Home, "runs.log");
        var parameters = new Dictionary<string, string> { ["log"] = log };

        await harness.RunAsync(new Counted(), parameters, caching: true);
        var uncached = await harness.RunAsync(new Counted(), parameters, caching: false);

        Assert.Equal(TaskState.Succeeded, RunnerHarness.Task(uncached, "counter").State);
        Assert.Equal(4, File.ReadAllLines(log).Length);
    }

    public void Dispose() => harness.Dispose();
}
