namespace Mlops.Testing;

/// <summary>
/// The real services that eng/services/start.sh starts on this machine: a Docker Engine API (podman's) and an OCI
/// registry (Docker distribution) on loopback; skopeo is the independent client to check the registry with.
/// eng/test.sh runs the script and exports MLOPS_TEST_DOCKER_HOST and MLOPS_TEST_REGISTRY.
/// </summary>
public sealed class TestServices
{
    public const string StartScript = "eng/services/start.sh";

    /// <summary>The image the script builds: FROM scratch with busybox as /bin/sh and its applets in /bin.</summary>
    public const string BaseImage = "localhost/mlops-test/busybox:1";

    private TestServices(Uri dockerHost, string registry)
    {
        DockerHost = dockerHost;
        Registry = registry;
    }

    /// <summary>The Docker Engine API endpoint, e.g. <c>unix:///…/artifacts/services/podman.sock</c>.</summary>
    public Uri DockerHost { get; }

    /// <summary>The registry as an image reference prefix, e.g. <c>127.0.0.1:5055</c> (plain HTTP).</summary>
    public string Registry { get; }

    /// <summary>The services, or null when they are not configured (see <see cref="MissingPrerequisite"/>: a failure in CI).</summary>
    public static TestServices? Require(ITestOutputHelper output)
    {
        var docker = Environment.GetEnvironmentVariable("MLOPS_TEST_DOCKER_HOST");
        var registry = Environment.GetEnvironmentVariable("MLOPS_TEST_REGISTRY");
        if (string.IsNullOrWhiteSpace(docker) || string.IsNullOrWhiteSpace(registry))
        {
            MissingPrerequisite.Report(output, $"MLOPS_TEST_DOCKER_HOST and MLOPS_TEST_REGISTRY are not set: run `bash {StartScript}` and "
                + "`source artifacts/services/env` first (eng/test.sh does both).");
            return null;
        }
        return new TestServices(new Uri(docker), registry);
    }
}
