using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Tests.Samples;
using static Mlops.Pipelines.Tests.Validation.DiagnosticAssert;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>MLOPS1023: one component instance given to Run twice.</summary>
public sealed class ComponentReuseTests
{
    public sealed class RunsOneInstanceTwice : RecordingPipeline
    {
        protected override void Build()
        {
            var prepare = new Prepare { Table = "crm.customers" };
            Run(prepare);
            At = Line(); Run(prepare);
        }
    }

    [Fact]
    public void The_second_Run_of_an_instance_is_reported()
    {
        var pipeline = new RunsOneInstanceTwice();
        var diagnostic = Single(pipeline.Diagnostics(), ErrorCodes.Pipelines.ComponentReused, pipeline.At);
        Assert.Contains("already ran as task 'prepare'", diagnostic.Message);
        Assert.Contains("Run(new Prepare { ... })", diagnostic.Message);
    }
}
