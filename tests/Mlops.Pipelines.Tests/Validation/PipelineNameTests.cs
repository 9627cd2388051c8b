using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Hosting;
using Mlops.Pipelines.Tests.Samples;
using static Mlops.Pipelines.Tests.Validation.DiagnosticAssert;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>MLOPS1001 (a name KFP refuses, or an unknown name asked for) and MLOPS1002 (two pipelines, one name).</summary>
public sealed class PipelineNameTests
{
    private static readonly int BadNameLine = Line() + 1;
    [Pipeline("Bad_Name")]
    public sealed class BadName : Pipeline
    {
        protected override void Build() => Run(new Echo { Message = "hi" });
    }

    [Fact]
    public void A_name_kfp_refuses_is_reported_at_the_pipeline_attribute()
    {
        var diagnostic = Single(new BadName(), ErrorCodes.Pipelines.InvalidPipelineName, BadNameLine);
        Assert.Contains("'Bad_Name'", diagnostic.Message);
        Assert.Contains("'bad-name'", diagnostic.Message);
    }

    public abstract class EchoPipeline : Pipeline
    {
        protected override void Build() => Run(new Echo { Message = GetType().Name });
    }

    [Fact]
    public void Two_pipelines_with_one_name_are_each_reported_at_their_attribute()
    {
        int first = Line(), second = first + 1, third = first + 2;
        var assembly = DynamicPipelines.Define(typeof(EchoPipeline), [("churn-training", first), ("churn-training", second), ("churn-prediction", third)]);

        var (pipelines, diagnostics) = PipelineCatalog.CompileAll(assembly, Options);

        Assert.Equal(3, pipelines.Count);
        Assert.Equal(2, diagnostics.Count);
        Assert.All(diagnostics, d => Assert.Equal(ErrorCodes.Pipelines.DuplicatePipelineName, d.Code));
        AssertAt(diagnostics[0], first);
        AssertAt(diagnostics[1], second);
        Assert.All(diagnostics, d => Assert.Contains("'churn-training'", d.Message));
        Assert.Contains("Team.Pipeline2", diagnostics[0].Message);
        Assert.Contains("Team.Pipeline1", diagnostics[1].Message);
        Assert.All(diagnostics, d => Assert.Contains("[Pipeline(\"...\")]", d.Message));
    }

    [Fact]
    public void Asking_for_a_pipeline_that_does_not_exist_lists_the_ones_that_do()
    {
        var assembly = DynamicPipelines.Define(typeof(EchoPipeline), [("churn-training", 1), ("churn-prediction", 2)]);

        var (pipelines, diagnostics) = PipelineCatalog.CompileAll(assembly, Options, ["churn-trainng"]);

        Assert.Empty(pipelines);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(ErrorCodes.Pipelines.InvalidPipelineName, diagnostic.Code);
        Assert.Null(diagnostic.Location);
        Assert.Contains("'churn-trainng'", diagnostic.Message);
        Assert.Contains("'churn-prediction', 'churn-training'", diagnostic.Message);
    }
}
