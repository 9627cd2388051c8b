using System.Text;
using Mlops.Diagnostics;
using Mlops.Registries.Local;

namespace Mlops.Registries.Tests.BadInput;

/// <summary>
/// Local pipeline-template registry contents that lie, and tags no range could resolve (issue 11, "Also"): a version
/// with a leading zero is MLOPS3012 before anything is written; a republish over a corrupted version file repairs it.
/// </summary>
public sealed class LocalTemplateRegistryBadInputTests : IDisposable
{
    private static readonly byte[] Ir = Encoding.UTF8.GetBytes("pipelineInfo: {name: churn}\n");

    private readonly TempFolder folder = new("mlops-local-templates-");

    public void Dispose() => folder.Dispose();

    private LocalPipelineTemplateRegistry Registry => new(folder.File("kfp"));

    [Theory]
    [InlineData("6.0.01", "6.0.1")]
    [InlineData("06.0.1", "6.0.1")]
    [InlineData("1.002.0", "1.2.0")]
    [InlineData("1.0.00-rc.1", "1.0.0-rc.1")]
    [InlineData("2.00.0+build.5", "2.0.0+build.5")]
    public async Task A_version_with_a_leading_zero_is_MLOPS3012_and_nothing_is_published(string tag, string normalized)
    {
        var error = await Assert.ThrowsAsync<RegistryException>(() => Registry.PushAsync("churn", Ir, [tag, "latest"]));

        Assert.Equal(ErrorCodes.Registries.VersionNotNormalized, error.Code);
        Assert.Contains($"Tag '{tag}' of pipeline 'churn' has a number with a leading zero", error.Message);
        Assert.Contains($"set the project's Version to '{normalized}'", error.Message);
        Assert.DoesNotContain("   at ", error.Message);
        Assert.False(Directory.Exists(Path.Combine(folder.File("kfp"), "churn", "tags")));
    }

    [Theory]
    [InlineData("6.0.1")]
    [InlineData("10.0.0")]
    [InlineData("1.0.0-rc.01")]
    [InlineData("latest")]
    public async Task Normalized_versions_and_moving_tags_publish(string tag)
    {
        var digest = await Registry.PushAsync("churn", Ir, [tag]);

        Assert.Equal(digest, Assert.Single(await Registry.ListTagsAsync("churn")).Version);
    }

    [Fact]
    public async Task Republishing_over_a_corrupted_version_file_repairs_it()
    {
        var digest = await Registry.PushAsync("churn", Ir, ["1.0.0"]);
        var versionFile = Path.Combine(folder.File("kfp"), "churn", "versions", $"sha256-{digest.Hex}.yaml");
        File.WriteAllText(versionFile, "pipelineInfo: {name: edited}\n");
        await Assert.ThrowsAsync<RegistryException>(() => Registry.GetAsync("churn", "1.0.0"));

        await Registry.PushAsync("churn", Ir, ["1.0.0"]);

        Assert.Equal(Ir, File.ReadAllBytes(versionFile));
        Assert.Equal(Ir, await Registry.GetAsync("churn", "1.0.0"));
    }
}
