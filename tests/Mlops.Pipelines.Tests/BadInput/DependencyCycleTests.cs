using Mlops.Pipelines.Tests.Samples;
using Mlops.Pipelines.Tests.Validation;

namespace Mlops.Pipelines.Tests.BadInput;

/// <summary>
/// MLOPS1076: tasks that wait for each other through After() (and their inputs) compile to an error at the After()
/// call that closed the cycle, naming the tasks; KFP would refuse the IR and a local run would wait forever.
/// </summary>
public sealed class DependencyCycleTests
{
    private sealed class TwoWay : RecordingPipeline
    {
        protected override void Build()
        {
            var first = Run(new Echo { Message = "first" });
            var second = Run(new Echo { Message = "second" }).After(first);
            first.After(second); At = DiagnosticAssert.Line();
        }
    }

    private sealed class ThroughData : RecordingPipeline
    {
        protected override void Build()
        {
            var prep = Run(new Prepare { Table = "crm.customers" });
            var train = Run(new Train { Data = prep.Outputs.Train });
            prep.After(train); At = DiagnosticAssert.Line();
        }
    }

    private sealed class ThreeTasks : RecordingPipeline
    {
        protected override void Build()
        {
            var a = Run(new Echo { Message = "a" });
            var b = Run(new Echo { Message = "b" }).After(a);
            var c = Run(new Echo { Message = "c" }).After(b);
            a.After(c); At = DiagnosticAssert.Line();
        }
    }

    private sealed class Itself : RecordingPipeline
    {
        protected override void Build()
        {
            var a = Run(new Echo { Message = "a" });
            var b = Run(new Echo { Message = "b" }).After(a);
            a.After(b, b); At = Line(a); // After(params): the task that waits is the place
        }

        private int Line(PipelineTask task) => task.Node.Location?.Line ?? 0;
    }

    private sealed class ThroughAGroup : RecordingPipeline
    {
        public Input<bool> Go { get; init; } = true;

        protected override void Build()
        {
            var before = Run(new Echo { Message = "before" });
            PipelineTask? inside = null;
            If(Go == true, () => { inside = Run(new Echo { Message = before.Outputs.Said }); });
            before.After(inside!); At = DiagnosticAssert.Line();
        }
    }

    public static TheoryData<string, string> Cases => new()
    {
        { nameof(TwoWay), "Tasks 'echo' -> 'echo-2' -> 'echo' wait for each other" },
        { nameof(ThroughData), "'prepare' -> 'train' -> 'prepare'" },
        { nameof(ThreeTasks), "'echo' -> 'echo-3' -> 'echo-2' -> 'echo'" },
        { nameof(Itself), "'echo' -> 'echo-2' -> 'echo'" },
        { nameof(ThroughAGroup), "'condition-1' -> 'echo' -> 'condition-1'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_cycle_is_MLOPS1076_at_the_call_that_closed_it(string pipeline, string cycle)
    {
        RecordingPipeline instance = pipeline switch
        {
            nameof(TwoWay) => new TwoWay(),
            nameof(ThroughData) => new ThroughData(),
            nameof(ThreeTasks) => new ThreeTasks(),
            nameof(Itself) => new Itself(),
            _ => new ThroughAGroup(),
        };
        var diagnostic = DiagnosticAssert.Single(instance.Diagnostics(), ErrorCodes.Pipelines.DependencyCycle, instance.At);
        Assert.Contains(cycle, diagnostic.Message);
        Assert.Contains("Remove this After() call", diagnostic.Message);
        BadInputAssert.NoStackTrace(diagnostic.ToCanonicalString());
    }
}
