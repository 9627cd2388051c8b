using Mlops.Pipelines.Compiler;

namespace Churn.Tests;

public sealed class ChurnTrainingTests
{
    private readonly CompiledPipeline compiled = PipelineCompiler.Compile(new ChurnTraining());

    [Fact]
    public void Compiles_without_errors() =>
        Assert.True(compiled.Succeeded, string.Join(Environment.NewLine, compiled.Diagnostics));

    [Fact]
    public void Prepares_trains_and_evaluates_at_the_top_level()
    {
        var tasks = compiled.Spec.Root.Dag!.Tasks!;
        Assert.Contains("prepare", tasks.Keys);
        Assert.Contains("train", tasks.Keys);
        Assert.Contains("evaluate", tasks.Keys);
        Assert.DoesNotContain("register", tasks.Keys); // it runs inside the condition on F1
    }

    [Fact]
    public void Registers_only_under_a_condition()
    {
        var yaml = compiled.ToYaml();
        Assert.Contains("triggerPolicy", yaml);
        Assert.Contains("exec-register", compiled.Spec.DeploymentSpec.Executors.Keys);
    }

    [Fact]
    public void Runs_the_images_of_this_repository_at_its_version()
    {
        var images = compiled.Spec.DeploymentSpec.Executors.Values.Select(e => e.Container!.Image).ToHashSet();
        Assert.Contains("europe-docker.pkg.dev/dataops-hub/churn/train:1.4.0", images);
        Assert.Contains("europe-docker.pkg.dev/dataops-hub/churn/prepare:1.4.0", images);
        Assert.Contains("europe-docker.pkg.dev/dataops-hub/churn/register:1.4.0", images);
    }

    [Fact]
    public void Trains_with_retries_resources_and_the_epochs_parameter()
    {
        var train = compiled.Spec.Root.Dag!.Tasks!["train"];
        Assert.Equal(2, train.RetryPolicy!.MaxRetryCount);
        Assert.Equal("4Gi", compiled.Spec.DeploymentSpec.Executors["exec-train"].Container!.Resources!.ResourceMemoryRequest);
        Assert.Contains("epochs", compiled.Spec.Root.InputDefinitions!.Parameters!.Keys);
    }

    [Fact]
    public void Never_caches_the_extract() =>
        Assert.False(compiled.Spec.Root.Dag!.Tasks!["prepare"].CachingOptions!.EnableCache);
}
