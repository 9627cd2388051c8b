using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Tests.Samples;
using static Mlops.Pipelines.Tests.Validation.DiagnosticAssert;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>
/// Conditions KFP cannot evaluate, reported at the If (or ElseIf) that holds them: MLOPS1030 (an artifact),
/// MLOPS1031 (a list), MLOPS1014 (values of different types).
/// </summary>
public sealed class ConditionTests
{
    public sealed class Conditions : RecordingPipeline
    {
        public string Case { get; init; } = "";

        protected override void Build()
        {
            var train = Run(new Train { Data = Run(new Prepare { Table = "t" }).Outputs.Train });
            var shards = Run(new ListShards());
            var said = Run(new Echo { Message = "0.5" }).Outputs.Said;
            switch (Case)
            {
                case "artifact":
                    At = Line(); If(train.Outputs.Model == "x", () => Run(new Echo { Message = "model" }));
                    break;
                case "artifact, with an Else":
                    At = Line(); If(train.Outputs.Model == "x", () => Run(new Echo { Message = "model" }))
                        .Else(() => Run(new Echo { Message = "no model" }));
                    break;
                case "list":
                    At = Line(); If(shards.Outputs.Shards == "x", () => Run(new Echo { Message = "one shard" }));
                    break;
                case "string compared with double":
                    At = Line(); If(said > 0.5, () => Run(new Echo { Message = "big" }));
                    break;
                case "in an ElseIf":
                    If(said == "a", () => Run(new Echo { Message = "a" }))
                        .ElseIf(train.Outputs.Model != "b", () => Run(new Echo { Message = "b" })); At = Line();
                    break;
            }
        }
    }

    [Theory]
    [InlineData("artifact", ErrorCodes.Pipelines.ConditionOnArtifact,
        "the condition reads output 'model' of task 'train', a system.Model artifact; conditions can only compare parameters")]
    [InlineData("artifact, with an Else", ErrorCodes.Pipelines.ConditionOnArtifact, "output 'model' of task 'train'")]
    [InlineData("list", ErrorCodes.Pipelines.ConditionOnCollection,
        "the condition reads output 'shards' of task 'list-shards', a list parameter; conditions compare strings, numbers and bools only")]
    [InlineData("string compared with double", ErrorCodes.Pipelines.ParameterTypeMismatch,
        "the condition compares output 'said' of task 'echo' with a double; compare values of the same type")]
    [InlineData("in an ElseIf", ErrorCodes.Pipelines.ConditionOnArtifact, "output 'model' of task 'train'")]
    public void A_condition_kfp_cannot_evaluate_is_reported_once_at_the_If_or_ElseIf_that_holds_it(string @case, string code, string message)
    {
        var pipeline = new Conditions { Case = @case };
        var diagnostic = Single(pipeline.Diagnostics(), code, pipeline.At);
        Assert.Contains(message, diagnostic.Message);
    }
}
