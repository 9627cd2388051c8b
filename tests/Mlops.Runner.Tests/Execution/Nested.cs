using Mlops.Pipelines;

namespace Mlops.Runner.Tests.Execution;

public static class Nested
{
    [Pipeline("with-number")]
    public sealed class WithNumber : Pipeline
    {
        public Input<int> Count { get; init; } = 2;
        public Output<string> Said { get; } = new();

        protected override void Build()
        {
            var say = Run(new Say { Message = "x" });
            If(Count > 1L, () => Run(new Say { Message = "many" }));
            SetOutput(Said, say.Outputs.Said);
        }
    }

    [Pipeline("outer")]
    public sealed class Outer : Pipeline
    {
        public Output<string> Inner { get; } = new();

        protected override void Build()
        {
            var first = Run(new WithNumber { Count = 3 });
            Run(new WithNumber { Count = 1 });
            SetOutput(Inner, first.Outputs.Said);
        }
    }
}

public sealed class NestedPipelineTests : IDisposable
{
    private readonly RunnerHarness harness = new();

    [Fact]
    public async Task A_pipeline_used_twice_runs_as_two_nested_dags_with_their_own_inputs()
    {
        var run = await harness.RunAsync(new Nested.Outer());

        Assert.Equal(Store.RunState.Succeeded, run.State);
        Assert.Equal("x", run.OutputParameters["inner"]!.GetValue<string>());
        Assert.Equal(Store.TaskState.Succeeded, RunnerHarness.Task(run, "with-number/condition-1/say-2").State);
        Assert.Equal(Store.TaskState.Skipped, RunnerHarness.Task(run, "with-number-2/condition-1").State);
    }

    public void Dispose() => harness.Dispose();
}
