using Mlops.Pipelines.Compiler;

namespace Ltv.Tests;

public sealed class LtvPipelineTests
{
    [Fact]
    public void Training_aggregates_then_fits_and_outputs_the_model_and_its_error()
    {
        var spec = PipelineCompiler.Compile(new LtvTraining()).EnsureSuccess().Spec;

        Assert.Equal(["aggregate", "fit"], spec.Root.Dag!.Tasks!.Keys.Order());
        Assert.Equal(["aggregate"], spec.Root.Dag.Tasks["fit"].DependentTasks);
        Assert.Equal("system.Model", spec.Root.OutputDefinitions!.Artifacts!["model"].ArtifactType.SchemaTitle);
        Assert.True(spec.Root.OutputDefinitions.Parameters!.ContainsKey("mae"));
        Assert.Equal("europe-docker.pkg.dev/dataops-hub/ltv/ltv:2.1.0", spec.DeploymentSpec.Executors["exec-fit"].Container!.Image);
    }

    [Fact]
    public void Prediction_takes_the_horizon_and_outputs_values_and_their_total()
    {
        var spec = PipelineCompiler.Compile(new LtvPrediction()).EnsureSuccess().Spec;

        Assert.Equal(["horizon_months", "model_uri", "orders"], spec.Root.InputDefinitions!.Parameters!.Keys.Order());
        Assert.Equal("system.Dataset", spec.Root.OutputDefinitions!.Artifacts!["values"].ArtifactType.SchemaTitle);
        Assert.True(spec.Root.OutputDefinitions.Parameters!.ContainsKey("total_value"));
    }
}
