using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Tests.Samples;
using static Mlops.Pipelines.Tests.Validation.DiagnosticAssert;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>
/// MLOPS1016: a value that does not exist in this pipeline: an output of a component that was never run, another
/// component's input, or a value from another pipeline.
/// </summary>
public sealed class ForeignValueTests
{
    public sealed class Foreign : RecordingPipeline
    {
        public string Case { get; init; } = "";

        /// <summary>A field, not a property: the compiler only treats Output properties as the pipeline's outputs.</summary>
        public Output<string>? FromAnotherPipeline;

        protected override void Build()
        {
            var prep = Run(new Prepare { Table = "crm.customers" });
            var notRun = new Train { Data = prep.Outputs.Train };
            switch (Case)
            {
                case "output of a component never run":
                    At = Line(); Run(new Evaluate { Model = notRun.Model, Data = prep.Outputs.Test });
                    break;
                case "output of a component never run, into a loaded component":
                    At = Line(); Run(ScoreComponent.Load(), new Dictionary<string, ValueRef> { ["model"] = notRun.Model, ["threshold"] = 0.5 });
                    break;
                case "another component's input":
                    At = Line(); Run(new Echo { Message = prep.Outputs.Table });
                    break;
                case "value of another pipeline":
                    At = Line(); Run(new Echo { Message = FromAnotherPipeline! });
                    break;
            }
        }
    }

    public sealed class Producer : Pipeline
    {
        public Output<string>? Said;

        protected override void Build() => Said = Run(new Echo { Message = "hi" }).Outputs.Said;
    }

    [Theory]
    [InlineData("output of a component never run", "Evaluate.Model is given an output of a component that was never run")]
    [InlineData("output of a component never run, into a loaded component", "Input 'model' of score is given an output of a component that was never run")]
    [InlineData("another component's input", "Echo.Message is given input 'table' of another component")]
    [InlineData("value of another pipeline", "Input 'message' of 'echo' is given a value from another pipeline")]
    public void A_value_that_does_not_belong_to_the_pipeline_is_reported_at_the_Run_that_uses_it(string @case, string message)
    {
        var producer = new Producer();
        Mlops.Pipelines.Compiler.PipelineCompiler.Compile(producer, Options);
        var pipeline = new Foreign { Case = @case, FromAnotherPipeline = producer.Said };

        var diagnostic = Single(pipeline.Diagnostics(), ErrorCodes.Pipelines.ForeignValue, pipeline.At);
        Assert.Contains(message, diagnostic.Message);
    }
}
