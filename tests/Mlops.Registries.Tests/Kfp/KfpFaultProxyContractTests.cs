using System.Net;
using System.Security.Cryptography;
using Mlops.Registries.Auth;
using Mlops.Registries.Http;
using Mlops.Registries.Kfp;
using Mlops.Registries.Tests.Python;

namespace Mlops.Registries.Tests.Kfp;

/// <summary>
/// Fault injection between our client of the KFP-format registry (the generic form of Artifact Registry's protocol) and
/// its contract server (issue 11, item 2): a loopback TCP proxy resets the connection mid-upload or mid-download, or
/// stalls it. A push and a download converge on retry; the registry then holds, and the download is, exactly the IR.
/// </summary>
public sealed class KfpFaultProxyContractTests
{
    private static readonly RetrySettings StallSoon = RetrySettings.Immediate with { StallTimeout = TimeSpan.FromSeconds(2) };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_push_reset_or_stalled_mid_upload_converges_and_the_tags_name_the_IRs_digest(bool stall)
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        await using var proxy = Proxy(fixture);
        var ir = LargeIr();
        proxy.FaultyConnections = 1;
        proxy.BreakAfterUploadBytes = 128 * 1024;
        proxy.Stall = stall;

        var version = await Client(fixture, proxy).PushAsync("large", ir, ["1.0.0", "latest"]);

        Assert.True(proxy.Resets + proxy.Stalls >= 1, $"the proxy broke {proxy.Resets + proxy.Stalls} connections");
        Assert.Equal(ContentDigest.Compute(ir), version);
        var direct = fixture.Client(KfpRegistryFixture.Generic);
        Assert.Equal(ir, await direct.GetAsync("large", "1.0.0"));
        Assert.All((await direct.ListTagsAsync("large")).Where(t => t.Name is "1.0.0" or "latest"), t => Assert.Equal(version, t.Version));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_download_reset_or_stalled_midway_converges_to_the_published_bytes(bool stall)
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        var ir = LargeIr();
        await fixture.Client(KfpRegistryFixture.Generic).PushAsync("large", ir, ["1.0.0"]);
        await using var proxy = Proxy(fixture);
        proxy.FaultyConnections = 1;
        proxy.BreakAfterDownloadBytes = 128 * 1024;
        proxy.Stall = stall;

        var downloaded = await Client(fixture, proxy).GetAsync("large", "1.0.0");

        Assert.True(proxy.Resets + proxy.Stalls >= 1, $"the proxy broke {proxy.Resets + proxy.Stalls} connections");
        Assert.Equal(ir, downloaded);
    }

    private static TcpFaultProxy Proxy(KfpRegistryFixture fixture) => new(new IPEndPoint(IPAddress.Loopback, fixture.Server.BaseUri.Port));

    /// <summary>The generic-form client, through the proxy.</summary>
    private static KfpTemplateRegistry Client(KfpRegistryFixture fixture, TcpFaultProxy proxy)
    {
        var url = new UriBuilder(fixture.Server.RepositoryUrl("acme", "pipelines")) { Port = int.Parse(proxy.Address.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture) }.Uri;
        return new KfpTemplateRegistry(url, RegistryHttpClient.Create(StallSoon),
            new FixedCredentialProvider(url.Authority, RegistryCredential.Basic(KfpRegistryFixture.User, KfpRegistryFixture.Password, "test config")), retries: StallSoon);
    }

    /// <summary>An IR of about 1 MiB (a command of random hex), so an upload or a download has a middle to break in.</summary>
    private static byte[] LargeIr() => KfpRegistryFixture.Ir("large", Convert.ToHexString(RandomNumberGenerator.GetBytes(512 * 1024)));
}
