using Mlops.Pipelines.Compiler;

namespace Churn.Tests;

public sealed class ChurnBatchScoringTests
{
    private readonly CompiledPipeline compiled = PipelineCompiler.Compile(new ChurnBatchScoring());

    [Fact]
    public void Compiles_without_errors() =>
        Assert.True(compiled.Succeeded, string.Join(Environment.NewLine, compiled.Diagnostics));

    [Fact]
    public void Scores_segments_in_a_loop_two_at_a_time()
    {
        var loop = Assert.Single(compiled.Spec.Root.Dag!.Tasks!).Value;
        Assert.Equal(2, loop.IteratorPolicy!.ParallelismLimit);
        Assert.NotNull(loop.ParameterIterator);
    }

    [Fact]
    public void Extracts_then_predicts_inside_the_loop()
    {
        var loopComponent = compiled.Spec.Components!.Single(c => c.Key.StartsWith("comp-for-loop", StringComparison.Ordinal)).Value;
        var tasks = loopComponent.Dag!.Tasks!;
        Assert.Equal(["extract", "predict"], tasks.Keys.Order());
        Assert.Equal(3, tasks["extract"].RetryPolicy!.MaxRetryCount);
    }

    [Fact]
    public void Takes_the_model_as_a_parameter() =>
        Assert.Contains("model_uri", compiled.Spec.Root.InputDefinitions!.Parameters!.Keys);
}

public sealed class ChurnPredictionTests
{
    [Fact]
    public void Scores_one_table_and_outputs_the_predictions_for_aggregators()
    {
        var spec = PipelineCompiler.Compile(new ChurnPrediction()).EnsureSuccess().Spec;
        Assert.Equal(["extract", "predict"], spec.Root.Dag!.Tasks!.Keys.Order());
        Assert.Equal("system.Dataset", spec.Root.OutputDefinitions!.Artifacts!["predictions"].ArtifactType.SchemaTitle);
        Assert.Equal(["model_uri", "table"], spec.Root.InputDefinitions!.Parameters!.Keys.Order());
    }
}
