using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Tests.Samples;
using static Mlops.Pipelines.Tests.Validation.DiagnosticAssert;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>MLOPS1011: a loaded component is given an input it does not declare.</summary>
public sealed class UnknownInputTests
{
    public sealed class MisspellsVerbose : RecordingPipeline
    {
        protected override void Build()
        {
            var train = Run(new Train { Data = Run(new Prepare { Table = "t" }).Outputs.Train });
            var inputs = new Dictionary<string, ValueRef> { ["model"] = train.Outputs.Model, ["threshold"] = 0.5, ["verbsoe"] = true };
            At = Line(); Run(ScoreComponent.Load(), inputs);
        }
    }

    [Fact]
    public void An_input_the_component_does_not_have_is_reported_with_the_ones_it_has()
    {
        var pipeline = new MisspellsVerbose();
        var diagnostic = Single(pipeline.Diagnostics(), ErrorCodes.Pipelines.UnknownInput, pipeline.At);
        Assert.Contains("Component 'score' has no input 'verbsoe'; its inputs are 'threshold', 'verbose', 'model'", diagnostic.Message);
    }
}
