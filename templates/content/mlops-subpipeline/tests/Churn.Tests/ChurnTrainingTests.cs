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
    public void Runs_the_images_built_from_components()
    {
        var images = compiled.Spec.DeploymentSpec.Executors.Values.Select(e => e.Container!.Image).ToList();
        Assert.Contains(images, image => image.EndsWith("/train:1.0.0", StringComparison.Ordinal));
        Assert.Contains(images, image => image.EndsWith("/prepare:1.0.0", StringComparison.Ordinal));
    }

    [Fact]
    public void Trains_with_retries_and_resources()
    {
        var train = compiled.Spec.DeploymentSpec.Executors["exec-train"].Container!;
        Assert.Equal("4Gi", train.Resources!.ResourceMemoryRequest);
        Assert.Equal(2, compiled.Spec.Root.Dag!.Tasks!["train"].RetryPolicy!.MaxRetryCount);
    }
}
