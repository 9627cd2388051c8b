using Docker.DotNet;

namespace Mlops.Runner.Tests.Containers;

public static class DockerClients
{
    /// <summary>A client of the test services' Docker Engine API (podman's).</summary>
    public static DockerClient CreateDockerClient(this TestServices services) => new DockerClientConfiguration(services.DockerHost).CreateClient();
}
