using System.Text;
using Mlops.Diagnostics;
using Mlops.Restore.Tests.Support;

namespace Mlops.Restore.Tests.BadInput;

/// <summary>
/// A published sub-pipeline whose IR has platform settings (a PlatformSpec with secrets, volumes, node settings) is
/// MLOPS4042 at restore (issue 11, item 7): composing it would drop them silently. An empty PlatformSpec restores.
/// </summary>
public sealed class PlatformSpecRestoreTests
{
    private const string Spec =
        "pipelineInfo: {name: scoring}\nschemaVersion: 2.1.0\n"
        + "components: {comp-score: {executorLabel: exec-score}}\n"
        + "deploymentSpec: {executors: {exec-score: {container: {image: 'python:3.11'}}}}\n"
        + "root: {dag: {tasks: {score: {componentRef: {name: comp-score}, taskInfo: {name: score}}}}}\n";

    [Theory]
    [InlineData("platforms: {kubernetes: {deploymentSpec: {executors: {exec-score: {secretAsEnv: [{secretName: db}]}}}}}\n")]
    [InlineData("platforms:\n  kubernetes:\n    deploymentSpec:\n      executors:\n        exec-score:\n          pvcMount: [{constant: data, mountPath: /data}]\n")]
    public async Task A_sub_pipeline_with_platform_settings_is_MLOPS4042_and_nothing_is_generated(string platformSpec)
    {
        using var registry = new TestRegistry();
        await registry.PublishBytesAsync("scoring", Encoding.UTF8.GetBytes(Spec + "---\n" + platformSpec), "1.0.0");

        var result = await registry.RestoreAsync(new SubPipelineReference("scoring", "1.0.0"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(ErrorCodes.Restore.PlatformSpecUnsupported, diagnostic.Code);
        Assert.Contains("'scoring' 1.0.0 has a PlatformSpec (its second YAML document) configuring kubernetes", diagnostic.Message);
        Assert.Contains("Reference a version published without platform settings", diagnostic.Message);
        Assert.DoesNotContain("   at ", diagnostic.ToCanonicalString());
        Assert.False(Directory.Exists(registry.Output) && Directory.EnumerateFiles(registry.Output).Any());
    }

    [Fact]
    public async Task A_sub_pipeline_with_an_empty_platform_spec_restores()
    {
        using var registry = new TestRegistry();
        await registry.PublishBytesAsync("scoring", Encoding.UTF8.GetBytes(Spec + "---\nplatforms: {kubernetes: {}}\n"), "1.0.0");

        var result = await registry.RestoreAsync(new SubPipelineReference("scoring", "1.0.0"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }
}
