using Mlops.Diagnostics;

namespace Mlops.Core.Tests;

public sealed class DockerEndpointTests
{
    [Fact]
    public void Credentials_in_the_url_never_reach_its_display_form()
    {
        var endpoint = DockerEndpoint.At(new Uri("tcp://ci-user:s3cr3t-token@10.0.0.5:2376"));

        Assert.DoesNotContain("s3cr3t-token", endpoint.ToString());
        Assert.DoesNotContain("ci-user", endpoint.ToString());
        Assert.Contains("10.0.0.5:2376", endpoint.ToString());
    }

    [Fact]
    public void A_socket_url_is_shown_as_given()
    {
        Assert.Equal("unix:///run/podman/podman.sock", DockerEndpoint.At(new Uri("unix:///run/podman/podman.sock")).ToString());
    }

    [Fact]
    public void A_docker_host_that_is_not_a_url_is_an_MLOPS2034_error_that_leaves_the_value_out()
    {
        var before = Environment.GetEnvironmentVariable(DockerEndpoint.EnvironmentVariable);
        Environment.SetEnvironmentVariable(DockerEndpoint.EnvironmentVariable, "ci-user s3cr3t-token at 10.0.0.5");
        try
        {
            var problem = Assert.Throws<MlopsException>(DockerEndpoint.Resolve);

            Assert.Equal(ErrorCodes.Host.DockerHostNotAUrl, problem.Code);
            Assert.DoesNotContain("s3cr3t-token", problem.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(DockerEndpoint.EnvironmentVariable, before);
        }
    }
}
