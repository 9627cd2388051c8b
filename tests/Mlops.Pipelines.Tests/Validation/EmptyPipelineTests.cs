using Mlops.Pipelines.Diagnostics;
using static Mlops.Pipelines.Tests.Validation.DiagnosticAssert;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>MLOPS1005: a pipeline whose Build() adds no task.</summary>
public sealed class EmptyPipelineTests
{
    private static readonly int DeclaredAt = Line() + 1;
    [Pipeline("nothing-yet")]
    public sealed class NothingYet : Pipeline
    {
        protected override void Build()
        {
        }
    }

    [Fact]
    public void A_pipeline_without_tasks_is_reported_at_its_declaration()
    {
        var diagnostic = Single(new NothingYet(), ErrorCodes.Pipelines.EmptyPipeline, DeclaredAt);
        Assert.Contains("NothingYet has no tasks", diagnostic.Message);
        Assert.Contains("Run(...)", diagnostic.Message);
    }
}
