using Mlops.Diagnostics;
using Mlops.Registries.Kfp;

namespace Mlops.Registries.Tests.Kfp;

public sealed class KfpRepositoryEndpointsTests
{
    [Fact]
    public void An_artifact_registry_url_sends_management_to_the_rest_api()
    {
        var endpoints = KfpRepositoryEndpoints.Parse(new Uri("https://europe-west4-kfp.pkg.dev/acme/pipelines"));

        Assert.True(endpoints.IsArtifactRegistry);
        Assert.Equal("https://europe-west4-kfp.pkg.dev/acme/pipelines/", endpoints.Repository.ToString());
        Assert.Equal("https://europe-west4-kfp.pkg.dev/acme/pipelines/churn/sha256:ab", endpoints.Download("churn", "sha256:ab").ToString());
        Assert.Equal("https://artifactregistry.googleapis.com/v1/projects/acme/locations/europe-west4/repositories/pipelines/packages/churn/tags/latest?updateMask=version",
            endpoints.Tag("churn", "latest", "?updateMask=version").ToString());
        Assert.Equal("europe-west4-kfp.pkg.dev", endpoints.CredentialHost);
        var digest = ContentDigest.Compute("x"u8);
        Assert.Equal($"projects/acme/locations/europe-west4/repositories/pipelines/packages/churn/versions/{digest}", endpoints.VersionName("churn", digest));
    }

    [Fact]
    public void Any_other_host_is_the_generic_form_relative_to_the_repository()
    {
        var endpoints = KfpRepositoryEndpoints.Parse(new Uri("https://kfp.example.com/team/templates"));

        Assert.False(endpoints.IsArtifactRegistry);
        Assert.Equal("https://kfp.example.com/team/templates/packages?pageSize=2", endpoints.Packages("?pageSize=2").ToString());
        Assert.Equal("https://kfp.example.com/team/templates/churn/1.0.0", endpoints.Download("churn", "1.0.0").ToString());
    }

    [Theory]
    [InlineData("https://europe-west4-kfp.pkg.dev/acme")]
    [InlineData("https://europe-west4-kfp.pkg.dev/acme/pipelines/extra")]
    [InlineData("ftp://example.com/repo")]
    [InlineData("https://example.com/repo?x=1")]
    public void An_unusable_url_is_refused(string url)
    {
        var error = Assert.Throws<RegistryException>(() => KfpRepositoryEndpoints.Parse(new Uri(url)));
        Assert.Equal(ErrorCodes.Registries.KfpInvalidRepositoryUrl, error.Code);
        Assert.Contains(url, error.Message, StringComparison.Ordinal);
    }
}
