using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Tests.Samples;
using static Mlops.Pipelines.Tests.Validation.DiagnosticAssert;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>MLOPS1010: a required input (no default, not optional) is given nothing.</summary>
public sealed class MissingInputTests
{
    public sealed class ForgetsThreshold : RecordingPipeline
    {
        protected override void Build()
        {
            var train = Run(new Train { Data = Run(new Prepare { Table = "t" }).Outputs.Train });
            At = Line(); Run(ScoreComponent.Load(), new Dictionary<string, ValueRef> { ["model"] = train.Outputs.Model });
        }
    }

    [Fact]
    public void A_loaded_component_missing_a_required_input_is_reported_at_its_Run()
    {
        var pipeline = new ForgetsThreshold();
        var diagnostic = Single(pipeline.Diagnostics(), ErrorCodes.Pipelines.MissingRequiredInput, pipeline.At);
        Assert.Contains("Component 'score' needs input 'threshold' (double parameter); give it a value", diagnostic.Message);
    }

    public sealed class NullRequiredInput : RecordingPipeline
    {
        protected override void Build()
        {
            At = Line(); Run(new Prepare { Table = null! });
        }
    }

    [Fact]
    public void A_required_typed_input_set_to_null_is_reported_at_its_Run()
    {
        var pipeline = new NullRequiredInput();
        var diagnostic = Single(pipeline.Diagnostics(), ErrorCodes.Pipelines.MissingRequiredInput, pipeline.At);
        Assert.Contains("needs input 'table' (string parameter)", diagnostic.Message);
    }
}
