using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Tests.Samples;
using static Mlops.Pipelines.Tests.Validation.DiagnosticAssert;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>MLOPS1035 (an exit task that reads a task's output) and MLOPS1037 (an ExitHandler nested in a block).</summary>
public sealed class ExitHandlerTests
{
    public sealed class ExitTaskReadsOutput : RecordingPipeline
    {
        protected override void Build()
        {
            var channel = Run(new Echo { Message = "#ml" }).Outputs.Said;
            At = Line(); ExitHandler(new Notify { Channel = channel }, () => Run(new Echo { Message = "work" }));
        }
    }

    [Fact]
    public void An_exit_task_reading_a_task_output_is_reported_at_the_ExitHandler()
    {
        var pipeline = new ExitTaskReadsOutput();
        var diagnostic = Single(pipeline.Diagnostics(), ErrorCodes.Pipelines.ExitTaskUsesTaskOutput, pipeline.At);
        Assert.Contains("Exit task 'notify' takes output 'said' of task 'echo' for input 'channel'", diagnostic.Message);
        Assert.Contains("can only take pipeline inputs and constants", diagnostic.Message);
    }

    public sealed class NestedExitHandler : RecordingPipeline
    {
        public Input<bool> Alert { get; init; } = true;

        protected override void Build()
        {
            If(Alert == true, () =>
            {
                At = Line(); ExitHandler(new Notify { Channel = "#ml" }, () => Run(new Echo { Message = "work" }));
            });
        }
    }

    [Fact]
    public void An_ExitHandler_inside_an_If_is_reported_at_the_ExitHandler()
    {
        var pipeline = new NestedExitHandler();
        var diagnostic = Single(pipeline.Diagnostics(), ErrorCodes.Pipelines.ExitHandlerNotAtRoot, pipeline.At);
        Assert.Contains("ExitHandler can only be used at the top of a pipeline's Build()", diagnostic.Message);
    }
}
