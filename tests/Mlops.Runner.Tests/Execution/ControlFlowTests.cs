using System.Text.Json.Nodes;
using Mlops.Pipelines;
using Mlops.Runner.Store;

namespace Mlops.Runner.Tests.Execution;

public sealed class ControlFlowTests : IDisposable
{
    private readonly RunnerHarness harness = new();

    [Pipeline("branches")]
    public sealed class Branches : Pipeline
    {
        public Input<string> Coin { get; init; } = "heads";

        protected override void Build()
        {
            var flip = Run(new Say { Message = Coin });
            If(flip.Outputs.Said == "heads", () => Run(new Say { Message = "was heads" }))
                .ElseIf(flip.Outputs.Said == "tails", () => Run(new Say { Message = "was tails" }))
                .Else(() => Run(new Say { Message = "edge" }));
        }
    }

    [Theory]
    [InlineData("heads", "condition-branches-1/condition-2/say-2")]
    [InlineData("tails", "condition-branches-1/condition-3/say-3")]
    [InlineData("edge", "condition-branches-1/condition-4/say-4")]
    public async Task Exactly_the_branch_whose_condition_holds_runs(string coin, string ran)
    {
        var run = await harness.RunAsync(new Branches(), new Dictionary<string, string> { ["coin"] = coin });

        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal(TaskState.Succeeded, RunnerHarness.Task(run, ran).State);
        Assert.Equal(2, run.Tasks.Count(t => t.State == TaskState.Skipped && t.Error == "condition is false"));
    }

    [Pipeline("loop")]
    public sealed class Loop : Pipeline
    {
        public Output<IReadOnlyList<string>> All { get; } = new();

        protected override void Build()
        {
            Output<string>? said = null;
            ParallelFor(new[] { "a", "b", "c" }, item => said = Run(new Say { Message = item }).Outputs.Said, parallelism: 1);
            SetOutput(All, Collected(said!));
        }
    }

    [Fact]
    public async Task ParallelFor_runs_every_item_within_its_parallelism_and_collects_the_outputs()
    {
        var run = await harness.RunAsync(new Loop());

        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal(["a", "b", "c"], run.OutputParameters["all"]!.AsArray().Select(v => v!.GetValue<string>()));
        var iterations = run.Tasks.Where(t => t.Path.StartsWith("for-loop-2/", StringComparison.Ordinal)).OrderBy(t => t.Started).ToList();
        Assert.Equal(3, iterations.Count);
        for (var i = 1; i < iterations.Count; i++)
        {
            Assert.True(iterations[i].Started >= iterations[i - 1].Ended, "parallelism 1 must run the iterations one after another");
        }
    }

    [Pipeline("guarded")]
    public sealed class Guarded : Pipeline
    {
        public Input<string> StatusFile { get; init; } = "";

        protected override void Build()
        {
            ExitHandler(new Status { Into = StatusFile }, () =>
            {
                var first = Run(new Fail { Message = "training diverged" });
                Run(new Say { Message = "never" }).After(first);
            });
        }
    }

    [Fact]
    public async Task An_exit_handler_runs_after_a_failure_and_sees_the_failed_status()
    {
        var statusFile = Path.Combine(harness.Home, "status.json");
        var run = await harness.RunAsync(new Guarded(), new Dictionary<string, string> { ["status_file"] = statusFile });

        Assert.Equal(RunState.Failed, run.State);
        Assert.Equal(TaskState.Failed, RunnerHarness.Task(run, "exit-handler-1/fail").State);
        Assert.Equal(TaskState.Skipped, RunnerHarness.Task(run, "exit-handler-1/say").State);
        Assert.Equal(TaskState.Succeeded, RunnerHarness.Task(run, "status").State);
        var status = JsonNode.Parse(File.ReadAllText(statusFile))!;
        Assert.Equal("FAILED", status["state"]!.GetValue<string>());
    }

    public void Dispose() => harness.Dispose();
}
