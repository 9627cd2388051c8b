using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Tests.Samples;
using static Mlops.Pipelines.Tests.Validation.DiagnosticAssert;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>
/// An input given a value of the wrong KFP type: MLOPS1012 (artifact vs parameter), MLOPS1013 (artifact of another
/// schema), MLOPS1014 (parameter of another type). C# types catch these between typed components; they happen with
/// components loaded from files (<c>Run(component, inputs)</c>) and their untyped <c>task.Output("...")</c>.
/// </summary>
public sealed class TypeMismatchTests
{
    public sealed class Mismatch : RecordingPipeline
    {
        public string Case { get; init; } = "";

        protected override void Build()
        {
            var prep = Run(new Prepare { Table = "crm.customers" });
            var train = Run(new Train { Data = prep.Outputs.Train });
            var score = ScoreComponent.Load();
            var scored = Run(score, new Dictionary<string, ValueRef> { ["model"] = train.Outputs.Model, ["threshold"] = 0.5 });
            switch (Case)
            {
                case "artifact into parameter":
                    At = Line(); Run(score, new Dictionary<string, ValueRef> { ["model"] = train.Outputs.Model, ["threshold"] = train.Outputs.Model });
                    break;
                case "untyped artifact into typed parameter":
                    At = Line(); Run(new Echo { Message = scored.Output("report") });
                    break;
                case "constant into artifact":
                    At = Line(); Run(score, new Dictionary<string, ValueRef> { ["model"] = "gs://models/churn", ["threshold"] = 0.5 });
                    break;
                case "Dataset into Model":
                    At = Line(); Run(score, new Dictionary<string, ValueRef> { ["model"] = prep.Outputs.Train, ["threshold"] = 0.5 });
                    break;
                case "untyped Markdown into typed Dataset":
                    At = Line(); Run(new Train { Data = scored.Output("report") });
                    break;
                case "int into bool":
                    At = Line(); Run(score, new Dictionary<string, ValueRef> { ["model"] = train.Outputs.Model, ["threshold"] = 0.5, ["verbose"] = 1 });
                    break;
                case "string into double":
                    At = Line(); Run(score, new Dictionary<string, ValueRef> { ["model"] = train.Outputs.Model, ["threshold"] = "high" });
                    break;
                case "untyped string into typed double":
                    At = Line(); Run(new Prepare { Table = "t", TestFraction = scored.Output("summary") });
                    break;
            }
        }
    }

    [Theory]
    [InlineData("artifact into parameter", ErrorCodes.Pipelines.ParameterArtifactMismatch,
        "Input 'threshold' of 'score' is a double parameter, but it is given output 'model' of task 'train', a system.Model artifact; pass a parameter, not an artifact")]
    [InlineData("untyped artifact into typed parameter", ErrorCodes.Pipelines.ParameterArtifactMismatch,
        "Input 'message' of 'echo' is a string parameter, but it is given output 'report' of task 'score', a system.Markdown artifact; pass a parameter, not an artifact")]
    [InlineData("constant into artifact", ErrorCodes.Pipelines.ParameterArtifactMismatch,
        "Input 'model' of 'score' is a system.Model artifact and cannot take a constant; pass another task's output")]
    [InlineData("Dataset into Model", ErrorCodes.Pipelines.ArtifactTypeMismatch,
        "Input 'model' of 'score' is a system.Model artifact, but it is given output 'train' of task 'prepare', a system.Dataset artifact; pass an output of that artifact type")]
    [InlineData("untyped Markdown into typed Dataset", ErrorCodes.Pipelines.ArtifactTypeMismatch,
        "Input 'data' of 'train' is a system.Dataset artifact, but it is given output 'report' of task 'score', a system.Markdown artifact")]
    [InlineData("int into bool", ErrorCodes.Pipelines.ParameterTypeMismatch,
        "Input 'verbose' of 'score' is a bool parameter, but it is given a constant, a")]
    [InlineData("int into bool", ErrorCodes.Pipelines.ParameterTypeMismatch, "integer parameter; pass a value of that type or change the input's type")]
    [InlineData("string into double", ErrorCodes.Pipelines.ParameterTypeMismatch,
        "Input 'threshold' of 'score' is a double parameter, but it is given a constant, a string parameter")]
    [InlineData("untyped string into typed double", ErrorCodes.Pipelines.ParameterTypeMismatch,
        "Input 'test_fraction' of 'prepare' is a double parameter, but it is given output 'summary' of task 'score', a string parameter")]
    public void A_value_of_the_wrong_type_is_reported_at_the_Run_that_passes_it(string @case, string code, string message)
    {
        var pipeline = new Mismatch { Case = @case };
        var diagnostic = Single(pipeline.Diagnostics(), code, pipeline.At);
        Assert.Contains(message, diagnostic.Message);
    }
}
