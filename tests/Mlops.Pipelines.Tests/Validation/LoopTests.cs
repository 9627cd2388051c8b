using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Tests.Samples;
using static Mlops.Pipelines.Tests.Validation.DiagnosticAssert;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>
/// ParallelFor misuse: MLOPS1032 (not a list to loop over), MLOPS1033 (a per-iteration output used as one value),
/// MLOPS1038 (the loop item used outside its loop).
/// </summary>
public sealed class LoopTests
{
    public sealed class Loops : RecordingPipeline
    {
        public string Case { get; init; } = "";

        protected override void Build()
        {
            var train = Run(new Train { Data = Run(new Prepare { Table = "t" }).Outputs.Train });
            var scored = Run(ScoreComponent.Load(), new Dictionary<string, ValueRef> { ["model"] = train.Outputs.Model, ["threshold"] = 0.5 });
            switch (Case)
            {
                case "over a string output":
                    At = Line(); ParallelFor<string>(scored.Output("summary"), item => Run(new Echo { Message = item }));
                    break;
                case "over an artifact":
                    At = Line(); ParallelFor<string>(scored.Output("report"), item => Run(new Echo { Message = item }));
                    break;
                case "over an empty list":
                    At = Line(); ParallelFor(Array.Empty<string>(), item => Run(new Echo { Message = item }));
                    break;
                case "with negative parallelism":
                    At = Line(); ParallelFor(["a", "b"], item => Run(new Echo { Message = item }), parallelism: -1);
                    break;
                case "output used outside without Collected":
                    Output<string>? said = null;
                    ParallelFor(["a", "b"], item => said = Run(new Echo { Message = item }).Outputs.Said);
                    At = Line(); Run(new Echo { Message = said! });
                    break;
                case "Collected of an output not in a loop":
                    At = Line(); Run(new Join { Parts = Collected(Run(new Echo { Message = "a" }).Outputs.Said) });
                    break;
                case "loop item used outside its loop":
                    LoopItem<string>? kept = null;
                    ParallelFor(["a", "b"], item => { kept = item; Run(new Echo { Message = item }); });
                    At = Line(); Run(new Echo { Message = kept! });
                    break;
            }
        }
    }

    public sealed class Join : ContainerComponent
    {
        public required Input<IReadOnlyList<string>> Parts { get; init; }

        protected override Container Container => new("python:3.11", ["echo", Parts]);
    }

    [Theory]
    [InlineData("over a string output", ErrorCodes.Pipelines.LoopOverNonList,
        "ParallelFor loops over a list, but output 'summary' of task 'score' is a string parameter; pass a list parameter or a list of artifacts")]
    [InlineData("over an artifact", ErrorCodes.Pipelines.LoopOverNonList,
        "ParallelFor loops over a list, but output 'report' of task 'score' is a single system.Markdown artifact")]
    [InlineData("over an empty list", ErrorCodes.Pipelines.LoopOverNonList, "ParallelFor over an empty list runs nothing; give it at least one item")]
    [InlineData("with negative parallelism", ErrorCodes.Pipelines.LoopOverNonList, "parallelism must be 0 (no limit) or more")]
    [InlineData("output used outside without Collected", ErrorCodes.Pipelines.LoopOutputNotCollected,
        "output 'said' of task 'echo' is produced once per ParallelFor iteration, so it cannot be used outside the loop as a single value; pass Collected(")]
    [InlineData("Collected of an output not in a loop", ErrorCodes.Pipelines.LoopOutputNotCollected,
        "Collected is for outputs produced inside a ParallelFor, and task 'echo' is not in one; use the output directly")]
    [InlineData("loop item used outside its loop", ErrorCodes.Pipelines.LoopItemOutsideLoop, "loop item is used outside that loop; use it only inside the loop's body")]
    public void A_loop_mistake_is_reported_at_the_call_that_makes_it(string @case, string code, string message)
    {
        var pipeline = new Loops { Case = @case };
        var diagnostic = Single(pipeline.Diagnostics(), code, pipeline.At);
        Assert.Contains(message, diagnostic.Message);
    }
}
