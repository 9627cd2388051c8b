using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Tests.Samples;
using static Mlops.Pipelines.Tests.Validation.DiagnosticAssert;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>MLOPS1034: an output produced inside an If, ExitHandler or loop is used where it may not exist.</summary>
public sealed class GroupScopeTests
{
    public sealed class Escapes : RecordingPipeline
    {
        public string Case { get; init; } = "";

        public Output<string> Said { get; } = new();

        protected override void Build()
        {
            var flip = Run(new Echo { Message = "heads" }).Outputs.Said;
            Output<string>? inside = null;
            switch (Case)
            {
                case "If output used after the If":
                    If(flip == "heads", () => inside = Run(new Echo { Message = "won" }).Outputs.Said);
                    At = Line(); Run(new Echo { Message = inside! });
                    SetOutput(Said, flip);
                    break;
                case "ExitHandler body output used after it":
                    ExitHandler(new Notify { Channel = "#ml" }, () => inside = Run(new Echo { Message = "work" }).Outputs.Said);
                    At = Line(); Run(new Echo { Message = inside! });
                    SetOutput(Said, flip);
                    break;
                case "pipeline output set from inside an If":
                    If(flip == "heads", () => inside = Run(new Echo { Message = "won" }).Outputs.Said);
                    At = Line(); SetOutput(Said, inside!);
                    break;
                case "Collected used inside its own loop":
                    ParallelFor(["a", "b"], item =>
                    {
                        var said = Run(new Echo { Message = item }).Outputs.Said;
                        At = Line(); Run(new LoopTests.Join { Parts = Collected(said) });
                    });
                    SetOutput(Said, flip);
                    break;
            }
        }
    }

    [Theory]
    [InlineData("If output used after the If", "output 'said' of task 'echo-2' is produced inside an If branch and may not exist outside it; use it only inside that block")]
    [InlineData("ExitHandler body output used after it", "output 'said' of task 'echo-2' is produced inside an ExitHandler")]
    [InlineData("pipeline output set from inside an If", "Pipeline output 'said' is set to output 'said' of task 'echo-2'; a pipeline output must come from a task at the top level of Build()")]
    [InlineData("Collected used inside its own loop", "the collected output 'said' of task 'echo-2' can only be used next to its ParallelFor (in the same block of Build()), not inside the loop")]
    public void A_value_used_outside_the_block_that_produces_it_is_reported_at_its_use(string @case, string message)
    {
        var pipeline = new Escapes { Case = @case };
        var diagnostic = Single(pipeline.Diagnostics(), ErrorCodes.Pipelines.OutputEscapesGroup, pipeline.At);
        Assert.Contains(message, diagnostic.Message);
    }
}
