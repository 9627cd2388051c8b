using Mlops.Pipelines;
using Mlops.Runner.Store;

namespace Mlops.Runner.Tests.Execution;

public sealed class DataFlowTests : IDisposable
{
    private readonly RunnerHarness harness = new();

    [Pipeline("data-flow")]
    public sealed class DataFlow : Pipeline
    {
        public Input<string> Message { get; init; } = "hello";
        public Output<Dataset> Result { get; } = new();
        public Output<long> Length { get; } = new();

        protected override void Build()
        {
            var produce = Run(new Produce { Message = Message });
            var consume = Run(new Consume { Data = produce.Outputs.Data, Text = produce.Outputs.Text });
            SetOutput(Result, consume.Outputs.Copy);
            SetOutput(Length, consume.Outputs.Length);
        }
    }

    [Fact]
    public async Task Parameters_and_artifacts_flow_between_tasks_and_become_the_run_outputs()
    {
        var run = await harness.RunAsync(new DataFlow(), new Dictionary<string, string> { ["message"] = "hi" });

        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal("rows:hi+hi", File.ReadAllText(run.OutputArtifacts["result"]));
        Assert.Equal(10, run.OutputParameters["length"]!.GetValue<double>());
        Assert.Equal("hi", run.Parameters["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_run_folder_holds_run_json_and_a_log_per_task_and_latest_names_the_run()
    {
        var options = harness.Options(new DataFlow());
        var run = await Mlops.Runner.Execution.LocalRunner.RunAsync(options);

        var folder = Mlops.Runner.Execution.LocalRunner.FolderOf(options, run);
        Assert.True(File.Exists(Path.Combine(folder, "run.json")));
        Assert.True(File.Exists(Path.Combine(folder, "tasks", "produce", "log.txt")));
        var store = new RunStore(options.Home);
        Assert.Equal(run.Id, store.Find("data-flow", "latest")!.Id);
        Assert.Equal(2, store.Find("data-flow", run.Id)!.Tasks.Count);
    }

    [Fact]
    public async Task A_parameter_of_the_wrong_type_is_refused_before_anything_runs()
    {
        var e = await Assert.ThrowsAsync<Mlops.Runner.Execution.RunRequestException>(() =>
            harness.RunAsync(new Nested.WithNumber(), new Dictionary<string, string> { ["count"] = "many" }));
        Assert.Equal("MLOPS2002", e.Code);
        Assert.Contains("'many'", e.Message);

        var unknown = await Assert.ThrowsAsync<Mlops.Runner.Execution.RunRequestException>(() =>
            harness.RunAsync(new Nested.WithNumber(), new Dictionary<string, string> { ["cuont"] = "1" }));
        Assert.Equal("MLOPS2001", unknown.Code);
        Assert.Contains("'count'", unknown.Message);
    }

    public void Dispose() => harness.Dispose();
}
