using Mlops.Pipelines.Compiler;

namespace Churn.Tests;

public sealed class ChurnPredictionTests
{
    private readonly CompiledPipeline compiled = PipelineCompiler.Compile(new ChurnPrediction());

    [Fact]
    public void Compiles_without_errors() =>
        Assert.True(compiled.Succeeded, string.Join(Environment.NewLine, compiled.Diagnostics));

    [Fact]
    public void Extracts_then_predicts()
    {
        var tasks = compiled.Spec.Root.Dag!.Tasks!;
        Assert.Equal(["extract", "predict"], tasks.Keys.Order());
        Assert.Contains("extract", tasks["predict"].DependentTasks ?? []);
    }

    [Fact]
    public void Takes_the_model_as_a_parameter()
    {
        var parameters = compiled.Spec.Root.InputDefinitions!.Parameters!;
        Assert.Contains("model_uri", parameters.Keys);
        Assert.Contains("table", parameters.Keys);
    }
}
