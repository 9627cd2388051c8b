using System.Runtime.CompilerServices;
using Mlops.Pipelines.Compiler;
using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Ir;
using Mlops.Pipelines.Tests.Samples;
using Mlops.Pipelines.Tests.Support;

namespace Mlops.Pipelines.Tests.SubPipelines;

public sealed class SubPipelineTests
{
    [Pipeline("customer-scoring")]
    public sealed class Aggregator : Pipeline
    {
        protected override void Build()
        {
            var eu = Run(new ChurnTrainingSubPipeline { Table = "crm.eu" });
            var us = Run(new ChurnTrainingSubPipeline { Table = "crm.us", MinF1 = 0.9 });
            Run(new Register { Model = eu.Outputs.Model, Stage = "eu" });
            Run(new Register { Model = us.Outputs.Model, Stage = "us" });
        }
    }

    [Fact]
    public void A_published_pipeline_used_twice_is_inlined_twice_with_everything_it_had()
    {
        var compiled = PipelineCompiler.Compile(new Aggregator(), new CompileOptions { SdkVersion = "mlops-sdk-test" });

        Assert.Empty(compiled.Diagnostics);
        var spec = IrFile.Parse(compiled.ToYaml(), "customer-scoring").Spec;
        IrInvariants.AssertHold(spec);
        var published = IrFile.Parse(File.ReadAllText(Path.Combine(Folder(), "churn-training-1.0.0.yaml")), "published").Spec;
        Assert.Equal(2 * published.Components!.Count + 2 + 2, spec.Components!.Count);
        Assert.Equal(2 * published.DeploymentSpec.Executors.Count + 2, spec.DeploymentSpec.Executors.Count);
        var eu = spec.Root.Dag!.Tasks!["churn-training"];
        Assert.Equal("crm.eu", eu.Inputs!.Parameters!["table"].RuntimeValue!.Constant!.GetValue<string>());
        Assert.False(eu.Inputs.Parameters.ContainsKey("min_f1")); // the default stays the sub-pipeline's
        var register = spec.Root.Dag.Tasks["register-2"];
        Assert.Equal("churn-training-2", register.Inputs!.Artifacts!["model"].TaskOutputArtifact!.ProducerTask);
        Assert.Equal(["churn-training-2"], register.DependentTasks);
    }

    [Pipeline("stale")]
    public sealed class UsesStaleRestore : Pipeline
    {
        public static int Line;

        protected override void Build()
        {
            Line = CurrentLine(); Run(new StaleChurnTrainingSubPipeline());
        }
    }

    [Fact]
    public void An_embedded_ir_that_does_not_match_the_lock_file_is_never_used()
    {
        var compiled = PipelineCompiler.Compile(new UsesStaleRestore());

        var diagnostic = Assert.Single(compiled.Diagnostics);
        Assert.Equal(ErrorCodes.Pipelines.SubPipelineDigestMismatch, diagnostic.Code);
        Assert.Equal(UsesStaleRestore.Line, diagnostic.Location!.Line);
        Assert.Contains("run dotnet restore again", diagnostic.Message);
    }

    private static int CurrentLine([CallerLineNumber] int line = 0) => line;

    private static string Folder([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
