using System.Net;
using System.Security.Cryptography;
using Mlops.Registries.Auth;
using Mlops.Registries.Http;
using Mlops.Registries.Python;

namespace Mlops.Registries.Tests.Python;

/// <summary>
/// Fault injection between our twine-protocol client and the contract server of Artifact Registry's Python format
/// (issue 11, item 2): a loopback TCP proxy resets the connection mid-upload or mid-download, or stalls it. The push
/// and the download converge on retry, and the repository then holds (and the copy is) exactly the wheel's bytes.
/// </summary>
public sealed class PythonFaultProxyContractTests
{
    private static readonly RetrySettings StallSoon = RetrySettings.Immediate with { StallTimeout = TimeSpan.FromSeconds(2) };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_push_reset_or_stalled_mid_upload_converges_and_the_index_lists_the_wheels_sha256(bool stall)
    {
        await using var registry = await PythonRegistryFixture.StartAsync();
        await using var proxy = Proxy(registry);
        var wheel = LargeWheel(registry);
        proxy.FaultyConnections = 1;
        proxy.BreakAfterUploadBytes = 256 * 1024;
        proxy.Stall = stall;

        var published = await Client(registry, proxy).PushAsync(wheel);

        Assert.True(proxy.Resets + proxy.Stalls >= 1, $"the proxy broke {proxy.Resets + proxy.Stalls} connections");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(wheel))), published.Sha256);
        Assert.Equal(File.ReadAllBytes(wheel), File.ReadAllBytes(Path.Combine(registry.Server.Storage, "churn-model", published.FileName)));
        Assert.Equal([published], await registry.Client().ListFilesAsync("churn-model"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_download_reset_or_stalled_midway_converges_to_the_published_bytes(bool stall)
    {
        await using var registry = await PythonRegistryFixture.StartAsync();
        var wheel = LargeWheel(registry);
        var published = await registry.Client().PushAsync(wheel);
        await using var proxy = Proxy(registry);
        proxy.FaultyConnections = 1;
        proxy.BreakAfterDownloadBytes = 256 * 1024;
        proxy.Stall = stall;

        var copy = registry.Work.File("copy.whl");
        var downloaded = await Client(registry, proxy).DownloadAsync("churn-model", published.FileName, copy);

        Assert.True(proxy.Resets + proxy.Stalls >= 1, $"the proxy broke {proxy.Resets + proxy.Stalls} connections");
        Assert.Equal(published, downloaded);
        Assert.Equal(File.ReadAllBytes(wheel), File.ReadAllBytes(copy));
        Assert.Empty(Directory.GetFiles(registry.Work.Path, "*.partial"));
    }

    private static TcpFaultProxy Proxy(PythonRegistryFixture registry) => new(new IPEndPoint(IPAddress.Loopback, registry.Server.BaseUri.Port));

    /// <summary>Our client for the repository, through the proxy.</summary>
    private static PythonUploadIndex Client(PythonRegistryFixture registry, TcpFaultProxy proxy)
    {
        var url = new UriBuilder(registry.Server.RepositoryUrl) { Port = int.Parse(proxy.Address.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture) }.Uri;
        return new PythonUploadIndex(url, RegistryHttpClient.Create(StallSoon),
            new FixedCredentialProvider(url.Authority, RegistryCredential.Basic(PythonRegistryFixture.User, PythonRegistryFixture.Password, "test")), StallSoon);
    }

    /// <summary>A wheel of about 2 MiB (a module holding random hex), so an upload or a download has a middle to break in.</summary>
    private static string LargeWheel(PythonRegistryFixture registry) =>
        TestWheel.Write(registry.Work.File("wheel"), "churn-model", "1.0.0", $"'{Convert.ToHexString(RandomNumberGenerator.GetBytes(2 * 1024 * 1024))}'");
}
