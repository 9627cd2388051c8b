using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Tests.Samples;
using static Mlops.Pipelines.Tests.Validation.DiagnosticAssert;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>
/// MLOPS1003: a pipeline run as a task must be constructible, and cannot contain itself. A nested pipeline's own
/// problems point at the Run that nests it when its class has no [Pipeline] attribute to point at.
/// </summary>
public sealed class NestedPipelineTests
{
    public sealed class NeedsTable(string table) : Pipeline
    {
        protected override void Build() => Run(new Echo { Message = table });
    }

    public sealed class RunsNeedsTable : RecordingPipeline
    {
        protected override void Build()
        {
            At = Line(); Run(new NeedsTable("crm.customers"));
        }
    }

    [Fact]
    public void A_nested_pipeline_without_a_parameterless_constructor_is_reported_at_its_Run()
    {
        var pipeline = new RunsNeedsTable();
        var diagnostic = Single(pipeline.Diagnostics(), ErrorCodes.Pipelines.PipelineNotConstructible, pipeline.At);
        Assert.Contains("NeedsTable", diagnostic.Message);
        Assert.Contains("public parameterless constructor", diagnostic.Message);
    }

    public sealed class RunsItself : RecordingPipeline
    {
        protected override void Build()
        {
            Run(new Echo { Message = "once" });
            At = Line(); Run(new RunsItself());
        }
    }

    [Fact]
    public void A_pipeline_that_runs_itself_is_reported_at_that_Run()
    {
        var pipeline = new RunsItself();
        var diagnostic = Single(pipeline.Diagnostics(), ErrorCodes.Pipelines.PipelineNotConstructible, pipeline.At);
        Assert.Contains("RunsItself runs itself", diagnostic.Message);
    }

    public sealed class EmptyChild : Pipeline
    {
        protected override void Build()
        {
        }
    }

    public sealed class RunsEmptyChild : RecordingPipeline
    {
        protected override void Build()
        {
            At = Line(); Run(new EmptyChild());
        }
    }

    [Fact]
    public void A_problem_of_a_nested_pipeline_without_an_attribute_is_reported_at_its_Run()
    {
        var pipeline = new RunsEmptyChild();
        var diagnostic = Single(pipeline.Diagnostics(), ErrorCodes.Pipelines.EmptyPipeline, pipeline.At);
        Assert.Contains("Pipeline EmptyChild has no tasks", diagnostic.Message);
    }
}
