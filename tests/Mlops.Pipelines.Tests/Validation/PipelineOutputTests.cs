using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Tests.Samples;
using static Mlops.Pipelines.Tests.Validation.DiagnosticAssert;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>MLOPS1043: a pipeline output that is never set, or SetOutput given something that is not one.</summary>
public sealed class PipelineOutputTests
{
    private static readonly int DeclaredAt = Line() + 1;
    [Pipeline("forgets-its-output")]
    public sealed class ForgetsItsOutput : Pipeline
    {
        public Output<Model> Model { get; } = new();

        protected override void Build() => Run(new Train { Data = Run(new Prepare { Table = "t" }).Outputs.Train });
    }

    [Fact]
    public void An_output_never_set_is_reported_at_the_pipeline_declaration()
    {
        var diagnostic = Single(new ForgetsItsOutput(), ErrorCodes.Pipelines.PipelineOutputNotSet, DeclaredAt);
        Assert.Contains("Pipeline output 'model' is never set; call SetOutput(model, ...) in Build(), or remove the property", diagnostic.Message);
    }

    public sealed class SetsAComponentOutput : RecordingPipeline
    {
        protected override void Build()
        {
            var prep = Run(new Prepare { Table = "t" });
            var train = Run(new Train { Data = prep.Outputs.Train });
            At = Line(); SetOutput(train.Outputs.Model, train.Outputs.Model);
        }
    }

    [Fact]
    public void SetOutput_on_something_that_is_not_a_pipeline_output_is_reported_at_the_call()
    {
        var pipeline = new SetsAComponentOutput();
        var diagnostic = Single(pipeline.Diagnostics(), ErrorCodes.Pipelines.PipelineOutputNotSet, pipeline.At);
        Assert.Contains("SetOutput's first argument must be an Output property of pipeline SetsAComponentOutput", diagnostic.Message);
    }
}
