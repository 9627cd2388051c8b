using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Tests.Samples;
using static Mlops.Pipelines.Tests.Validation.DiagnosticAssert;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>MLOPS1015: <c>task.Output("name")</c> names an output the task's component does not have.</summary>
public sealed class UnknownOutputTests
{
    public sealed class AsksForNope : RecordingPipeline
    {
        protected override void Build()
        {
            var train = Run(new Train { Data = Run(new Prepare { Table = "t" }).Outputs.Train });
            var scored = Run(ScoreComponent.Load(), new Dictionary<string, ValueRef> { ["model"] = train.Outputs.Model, ["threshold"] = 0.5 });
            At = Line(); Run(new Echo { Message = scored.Output("nope") });
        }
    }

    [Fact]
    public void An_output_the_component_does_not_have_is_reported_with_the_ones_it_has()
    {
        var pipeline = new AsksForNope();
        var diagnostic = Single(pipeline.Diagnostics(), ErrorCodes.Pipelines.UnknownOutput, pipeline.At);
        Assert.Contains("Task 'score' has no output 'nope'; its outputs are 'scores', 'summary', 'report'", diagnostic.Message);
    }
}
