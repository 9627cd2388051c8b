using Mlops.Publishing.Images;

namespace Mlops.Publishing.Tests.Promotion;

/// <summary>
/// What a promotion chain test needs: both registry hosts (a missing one is reported the way every test here reports
/// it) and the test services' container engine, which builds dataops' images. Registry reads go through skopeo.
/// </summary>
internal static class PromotionPrerequisites
{
    /// <summary>A builder on the services' engine, or null (reported) when a prerequisite is missing.</summary>
    public static ComponentImageBuilder? Engine(ITestOutputHelper output, AuthenticatedRegistry hostA, AuthenticatedRegistry hostB) =>
        AuthenticatedRegistry.AllRunning(output, hostA, hostB) && TestServices.Require(output) is { } services
            ? new ComponentImageBuilder(DockerEndpoint.At(services.DockerHost))
            : null;

    /// <summary>Runs <c>skopeo VERB [tls] --creds … ARGS</c> against <paramref name="host"/> and returns its trimmed output.</summary>
    public static async Task<string> SkopeoAsync(AuthenticatedRegistry host, string verb, params string[] arguments)
    {
        string[] tls = host.Authority is { } authority ? ["--cert-dir", Path.GetDirectoryName(authority.AuthorityFile)!] : ["--tls-verify=false"];
        var result = await ChildProcess.RunAsync("skopeo", [verb, .. tls, "--creds", $"{AuthenticatedRegistry.User}:{host.Password}", .. arguments]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output.Trim();
    }
}
