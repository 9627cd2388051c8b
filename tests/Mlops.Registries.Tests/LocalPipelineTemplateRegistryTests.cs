using System.Security.Cryptography;
using System.Text;
using Mlops.Registries.Local;

namespace Mlops.Registries.Tests;

public sealed class LocalPipelineTemplateRegistryTests : IDisposable
{
    private static readonly byte[] IrV1 = Encoding.UTF8.GetBytes("# PIPELINE DEFINITION\npipelineInfo:\n  name: churn-training\n# 1\n");
    private static readonly byte[] IrV2 = Encoding.UTF8.GetBytes("# PIPELINE DEFINITION\npipelineInfo:\n  name: churn-training\n# 2\n");

    private readonly TempFolder _temp = new();
    private readonly LocalPipelineTemplateRegistry _registry;

    public LocalPipelineTemplateRegistryTests() => _registry = new LocalPipelineTemplateRegistry(_temp.File("kfp"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Push_returns_the_sha256_of_the_bytes_and_get_returns_them_by_tag_and_by_digest()
    {
        var digest = await _registry.PushAsync("churn-training", IrV1, ["1.0.0", "latest"]);

        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(IrV1)), digest.ToString());
        Assert.Equal(IrV1, await _registry.GetAsync("churn-training", "1.0.0"));
        Assert.Equal(IrV1, await _registry.GetAsync("churn-training", "latest"));
        Assert.Equal(IrV1, await _registry.GetAsync("churn-training", digest.ToString()));
    }

    [Fact]
    public async Task The_layout_is_one_file_per_version_named_by_digest_and_one_file_per_tag_holding_the_digest()
    {
        var digest = await _registry.PushAsync("churn-training", IrV1, ["1.0.0", "latest"]);

        var package = _temp.File("kfp", "churn-training");
        Assert.Equal(IrV1, File.ReadAllBytes(Path.Combine(package, "versions", $"sha256-{digest.Hex}.yaml")));
        Assert.Equal(digest + "\n", File.ReadAllText(Path.Combine(package, "tags", "1.0.0")));
        Assert.Equal(digest + "\n", File.ReadAllText(Path.Combine(package, "tags", "latest")));
        Assert.Empty(Directory.GetFiles(package, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Pushing_a_version_again_with_the_same_bytes_succeeds_and_keeps_one_version()
    {
        var first = await _registry.PushAsync("churn-training", IrV1, ["1.0.0"]);
        var second = await _registry.PushAsync("churn-training", IrV1, ["1.0.0", "latest"]);

        Assert.Equal(first, second);
        Assert.Single(Directory.GetFiles(_temp.File("kfp", "churn-training", "versions")));
    }

    [Fact]
    public async Task Pushing_a_version_again_with_other_bytes_fails_with_MLOPS3001_and_changes_no_tag()
    {
        var v1 = await _registry.PushAsync("churn-training", IrV1, ["1.0.0", "latest"]);

        var error = await Assert.ThrowsAsync<ImmutableVersionException>(() => _registry.PushAsync("churn-training", IrV2, ["latest", "1.0.0"]));

        Assert.Equal("MLOPS3001", error.Code);
        Assert.Equal("churn-training", error.Package);
        Assert.Equal("1.0.0", error.Version);
        Assert.Contains("immutable", error.Message);
        Assert.Contains("bump the project's Version", error.Message);
        var tags = await _registry.ListTagsAsync("churn-training");
        Assert.All(tags, t => Assert.Equal(v1, t.Version));
        Assert.Single(Directory.GetFiles(_temp.File("kfp", "churn-training", "versions")));
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("v1")]
    [InlineData("1.0")]
    [InlineData("stable")]
    public async Task Tags_that_are_not_semantic_versions_move(string tag)
    {
        await _registry.PushAsync("churn-training", IrV1, ["1.0.0", tag]);
        var v2 = await _registry.PushAsync("churn-training", IrV2, ["1.1.0", tag]);

        Assert.Equal(IrV2, await _registry.GetAsync("churn-training", tag));
        Assert.Equal(v2, (await _registry.ListTagsAsync("churn-training")).Single(t => t.Name == tag).Version);
    }

    [Fact]
    public async Task A_prerelease_version_tag_is_immutable_too()
    {
        await _registry.PushAsync("churn-training", IrV1, ["2.0.0-rc.1"]);

        var error = await Assert.ThrowsAsync<ImmutableVersionException>(() => _registry.PushAsync("churn-training", IrV2, ["2.0.0-rc.1"]));
        Assert.Equal("MLOPS3001", error.Code);
    }

    [Fact]
    public async Task Lists_tags_by_name_with_their_versions_and_packages_by_name()
    {
        var v1 = await _registry.PushAsync("churn-training", IrV1, ["1.0.0"]);
        var v2 = await _registry.PushAsync("churn-training", IrV2, ["1.1.0", "latest"]);
        await _registry.PushAsync("churn-prediction", IrV1, []);

        Assert.Equal(
            [new PipelineTemplateTag("1.0.0", v1), new PipelineTemplateTag("1.1.0", v2), new PipelineTemplateTag("latest", v2)],
            await _registry.ListTagsAsync("churn-training"));
        Assert.Empty(await _registry.ListTagsAsync("churn-prediction"));
        Assert.Equal(["churn-prediction", "churn-training"], await _registry.ListPackagesAsync());
    }

    [Fact]
    public async Task An_empty_or_missing_root_has_no_packages()
    {
        Assert.Empty(await _registry.ListPackagesAsync());
    }

    [Fact]
    public async Task Get_of_an_unknown_package_tag_or_version_fails_with_MLOPS3004()
    {
        await _registry.PushAsync("churn-training", IrV1, ["1.0.0"]);

        var noPackage = await Assert.ThrowsAsync<RegistryException>(() => _registry.GetAsync("churn-trainng", "1.0.0"));
        var noTag = await Assert.ThrowsAsync<RegistryException>(() => _registry.GetAsync("churn-training", "1.0.1"));
        var noVersion = await Assert.ThrowsAsync<RegistryException>(() => _registry.GetAsync("churn-training", "sha256:" + new string('0', 64)));
        var noTags = await Assert.ThrowsAsync<RegistryException>(() => _registry.ListTagsAsync("churn-trainng"));

        Assert.All([noPackage, noTag, noVersion, noTags], e => Assert.Equal("MLOPS3004", e.Code));
        Assert.Contains("'1.0.0'", noTag.Message);
    }

    [Theory]
    [InlineData("Churn-Training")]
    [InlineData("churn/training")]
    [InlineData("..")]
    [InlineData("")]
    public async Task A_package_name_that_is_not_lower_case_letters_digits_and_separators_fails_with_MLOPS3006(string package)
    {
        var error = await Assert.ThrowsAsync<RegistryException>(() => _registry.PushAsync(package, IrV1, ["1.0.0"]));
        Assert.Equal("MLOPS3006", error.Code);
    }

    [Theory]
    [InlineData("sha256:abc")]
    [InlineData("../latest")]
    [InlineData(".hidden")]
    [InlineData("a b")]
    public async Task A_bad_tag_fails_with_MLOPS3007_before_anything_is_written(string tag)
    {
        var error = await Assert.ThrowsAsync<RegistryException>(() => _registry.PushAsync("churn-training", IrV1, [tag]));

        Assert.Equal("MLOPS3007", error.Code);
        Assert.False(Directory.Exists(_temp.File("kfp", "churn-training", "versions")));
    }

    [Fact]
    public async Task A_malformed_digest_fails_with_MLOPS3007()
    {
        await _registry.PushAsync("churn-training", IrV1, []);

        var error = await Assert.ThrowsAsync<RegistryException>(() => _registry.GetAsync("churn-training", "sha256:1234"));
        Assert.Equal("MLOPS3007", error.Code);
    }

    [Fact]
    public async Task A_version_file_changed_after_publishing_fails_get_with_MLOPS3005()
    {
        var digest = await _registry.PushAsync("churn-training", IrV1, ["1.0.0"]);
        File.WriteAllBytes(_temp.File("kfp", "churn-training", "versions", $"sha256-{digest.Hex}.yaml"), IrV2);

        var error = await Assert.ThrowsAsync<RegistryException>(() => _registry.GetAsync("churn-training", "1.0.0"));
        Assert.Equal("MLOPS3005", error.Code);
    }

    [Fact]
    public void Digests_parse_only_in_the_sha256_hex_form()
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(IrV1));

        Assert.True(ContentDigest.TryParse("sha256:" + hex.ToUpperInvariant(), out var digest));
        Assert.Equal(hex, digest.Hex);
        Assert.Equal(ContentDigest.Compute(IrV1), digest);
        Assert.False(ContentDigest.TryParse(hex, out _));
        Assert.False(ContentDigest.TryParse("sha512:" + hex, out _));
        Assert.False(ContentDigest.TryParse("sha256:" + hex[1..], out _));
    }
}
