using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Hosting;
using Mlops.Pipelines.Tests.Samples;
using static Mlops.Pipelines.Tests.Validation.DiagnosticAssert;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>
/// MLOPS1004: code the user wrote threw while the pipeline was traced; reported at the user's line that threw, never
/// at a line inside the SDK. MLOPS1036: Run/If/... called when no pipeline is being built (e.g. in a constructor).
/// </summary>
public sealed class BuildFailureTests
{
    public sealed class ThrowsInBuild : RecordingPipeline
    {
        protected override void Build()
        {
            Run(new Echo { Message = "before" });
            At = Line(); throw new InvalidOperationException("no table configured");
        }
    }

    [Fact]
    public void An_exception_in_Build_is_reported_where_it_was_thrown()
    {
        var pipeline = new ThrowsInBuild();
        var diagnostic = Single(pipeline.Diagnostics(), ErrorCodes.Pipelines.PipelineBuildFailed, pipeline.At);
        Assert.Contains("ThrowsInBuild.Build() threw InvalidOperationException: no table configured", diagnostic.Message);
    }

    public sealed class PassesNull : RecordingPipeline
    {
        protected override void Build()
        {
            At = Line(); Run<Echo>(null!);
        }
    }

    [Fact]
    public void An_exception_thrown_inside_the_sdk_is_reported_at_the_users_call()
    {
        var pipeline = new PassesNull();
        var diagnostic = Single(pipeline.Diagnostics(), ErrorCodes.Pipelines.PipelineBuildFailed, pipeline.At);
        Assert.Contains("threw ArgumentNullException", diagnostic.Message);
    }

    public sealed class BrokenContainer : ContainerComponent
    {
        protected override Container Container => throw new NotSupportedException("image not chosen yet");
    }

    public sealed class RunsBrokenContainer : RecordingPipeline
    {
        protected override void Build()
        {
            At = Line(); Run(new BrokenContainer());
        }
    }

    [Fact]
    public void An_exception_in_a_components_Container_is_reported_at_its_Run()
    {
        var pipeline = new RunsBrokenContainer();
        var diagnostic = Single(pipeline.Diagnostics(), ErrorCodes.Pipelines.PipelineBuildFailed, pipeline.At);
        Assert.Contains("BrokenContainer.Container threw NotSupportedException: image not chosen yet", diagnostic.Message);
    }

    public sealed class RunsInConstructor : Pipeline
    {
        public static readonly int RunLine = Line() + 3;

        public RunsInConstructor() =>
            Run(new Echo { Message = "too early" });

        protected override void Build() => Run(new Echo { Message = "fine" });
    }

    public sealed class NestsRunsInConstructor : Pipeline
    {
        protected override void Build() => Run(new RunsInConstructor());
    }

    [Fact]
    public void Run_outside_Build_is_reported_at_that_call()
    {
        var diagnostic = Single(new NestsRunsInConstructor(), ErrorCodes.Pipelines.ControlFlowOutsideBuild, RunsInConstructor.RunLine);
        Assert.Contains("Run", diagnostic.Message);
        Assert.Contains("Build()", diagnostic.Message);
    }

    public abstract class RunsInItsConstructor : Pipeline
    {
        public static readonly int RunLine = Line() + 1;
        protected RunsInItsConstructor() => Run(new Echo { Message = "too early" });

        protected override void Build() => Run(new Echo { Message = "fine" });
    }

    [Fact]
    public void Run_in_the_constructor_of_a_top_level_pipeline_is_reported_at_that_call()
    {
        var assembly = DynamicPipelines.Define(typeof(RunsInItsConstructor), [("early", 1)]);

        var (_, diagnostics) = PipelineCatalog.CompileAll(assembly, Options);

        var diagnostic = Single(diagnostics, ErrorCodes.Pipelines.ControlFlowOutsideBuild, RunsInItsConstructor.RunLine);
        Assert.Contains("Build()", diagnostic.Message);
    }
}
