using Mlops.Pipelines.Ir;
using static Mlops.Pipelines.Tests.BadInput.HostileYaml;

namespace Mlops.Pipelines.Tests.BadInput;

/// <summary>
/// A loaded KFP file whose PlatformSpec (its second YAML document) configures secrets, volumes or node settings is
/// MLOPS1055 when it is composed (issue 11, item 7): composition writes one PipelineSpec, so the settings would be
/// dropped silently and the steps would run without them. An empty PlatformSpec loses nothing and loads.
/// </summary>
public sealed class PlatformSpecBadInputTests
{
    private const string File = "trainer.yaml";

    public static TheoryData<string, string, string> Configured() => new()
    {
        { "a secret as an environment variable", "platforms:\n  kubernetes:\n    deploymentSpec:\n      executors:\n        exec-a:\n          secretAsEnv:\n          - secretName: db\n            keyToEnv: [{secretKey: password, envVar: DB_PASSWORD}]\n", "kubernetes" },
        { "a mounted volume", "platforms:\n  kubernetes:\n    deploymentSpec:\n      executors:\n        exec-b:\n          pvcMount: [{constant: data, mountPath: /data}]\n", "kubernetes" },
        { "a node selector in flow style", "platforms: {kubernetes: {deploymentSpec: {executors: {exec-a: {nodeSelector: {labels: {pool: gpu}}}}}}}\n", "kubernetes" },
        { "two platforms", "platforms:\n  kubernetes: {deploymentSpec: {executors: {exec-a: {imagePullSecret: [{secretName: reg}]}}}}\n  vertex: {labels: {team: churn}}\n", "kubernetes, vertex" },
        { "settings without the platforms key", "kubernetes: {deploymentSpec: {executors: {exec-a: {tolerations: [{key: gpu}]}}}}\n", "kubernetes" },
    };

    [Theory]
    [MemberData(nameof(Configured))]
    public void A_file_with_platform_settings_is_MLOPS1055_naming_the_platforms(string name, string platformSpec, string platforms)
    {
        Assert.NotEmpty(name);
        var text = IrText() + "---\n" + platformSpec;

        var diagnostic = BadInputAssert.Rejected(() => KfpComponent.Parse(text, File), ErrorCodes.Pipelines.PlatformSpecNotCarried,
            "Use a file without a PlatformSpec", File, 0);

        Assert.Contains($"configuring {platforms}, which composing it into this pipeline cannot carry", diagnostic.Message);
    }

    [Theory]
    [InlineData("platforms: {}\n")]
    [InlineData("platforms:\n  kubernetes: {}\n")]
    [InlineData("platforms: {kubernetes: {deploymentSpec: {executors: {}}}}\n")]
    public void An_empty_platform_spec_loses_nothing_and_loads(string platformSpec)
    {
        var text = IrText() + "---\n" + platformSpec;

        Assert.Empty(IrFile.Parse(text, File).ConfiguredPlatforms);
        Assert.Equal("two-tasks", KfpComponent.Parse(text, File).Name);
    }

    [Fact]
    public void The_IR_file_itself_still_reads_and_keeps_its_platform_spec()
    {
        var file = IrFile.Parse(IrText() + "---\n" + Configured().First()[1], File);

        Assert.Equal(["kubernetes"], file.ConfiguredPlatforms);
        Assert.NotNull(file.PlatformSpec);
    }
}
