namespace Mlops.Packaging.Tests;

public sealed class Pep440VersionTests
{
    [Theory]
    [InlineData("1.2.3", "1.2.3")]
    [InlineData("1.2.3.4", "1.2.3.4")]
    [InlineData("1.0.0-beta.1", "1.0.0b1")]
    [InlineData("1.0.0-beta1", "1.0.0b1")]
    [InlineData("1.0.0-beta", "1.0.0b0")]
    [InlineData("1.0.0-alpha.2", "1.0.0a2")]
    [InlineData("1.0.0-a.2", "1.0.0a2")]
    [InlineData("2.0.0-rc.1", "2.0.0rc1")]
    [InlineData("2.0.0-RC.1", "2.0.0rc1")]
    [InlineData("2.0.0-preview.3", "2.0.0rc3")]
    [InlineData("2.0.0-pre", "2.0.0rc0")]
    [InlineData("1.0.0-dev.5", "1.0.0.dev5")]
    [InlineData("1.0.0+abc.1", "1.0.0+abc.1")]
    [InlineData("1.0.0-beta.1+Build-7", "1.0.0b1+build.7")]
    [InlineData("1.0.0b1", "1.0.0b1")]
    [InlineData("1.0.post1", "1.0.post1")]
    [InlineData("1.0.0.dev3", "1.0.0.dev3")]
    public void Converts_SemVer_to_normalized_PEP_440(string version, string expected)
    {
        Assert.Equal(expected, Pep440Version.FromProjectVersion(version));
    }

    [Theory]
    [InlineData("1.0.0-ci.7")]
    [InlineData("1.0.0-beta.x")]
    [InlineData("1.0.0-beta.1.2")]
    [InlineData("1.0.0-beta1.2")]
    [InlineData("latest")]
    [InlineData("")]
    public void Refuses_versions_without_a_PEP_440_meaning_with_MLOPS3102(string version)
    {
        var error = Assert.Throws<PackagingException>(() => Pep440Version.FromProjectVersion(version));
        Assert.Equal("MLOPS3102", error.Code);
        Assert.Contains("1.0.0-beta.1", error.Message);
    }
}
