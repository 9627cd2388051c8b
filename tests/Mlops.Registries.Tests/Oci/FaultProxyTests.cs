using Xunit.Abstractions;
using System.Net;
using System.Security.Cryptography;
using Mlops.Diagnostics;
using Mlops.Registries.Http;
using Mlops.Registries.Oci;

namespace Mlops.Registries.Tests.Oci;

/// <summary>
/// Fault injection between the OCI client and the real Docker distribution registry (issue 11, item 2): a loopback
/// TCP proxy resets connections mid-upload and mid-download, or stalls them (holds them open, silent). A push and a
/// copy converge on retry and the registry then holds exactly the blob's bytes; one that keeps failing is a coded
/// error and leaves no tag.
/// </summary>
public sealed class FaultProxyTests(ITestOutputHelper output)
{
    private readonly byte[] blob = RandomNumberGenerator.GetBytes(3 * 1024 * 1024);

    // A stalled try is abandoned after this much silence: small, so a stall costs the tests seconds.
    private static readonly RetrySettings StallSoon = RetrySettings.Immediate with { StallTimeout = TimeSpan.FromSeconds(2) };

    private static async Task<(TcpFaultProxy Proxy, string Registry)?> StartAsync(ITestOutputHelper output)
    {
        if (TestServices.Require(output) is not { } services)
        {
            return null;
        }
        var port = int.Parse(services.Registry.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        return (new TcpFaultProxy(new IPEndPoint(IPAddress.Loopback, port)), services.Registry);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_push_reset_mid_upload_converges_and_the_registry_holds_the_blobs_bytes(int resets)
    {
        if (await StartAsync(output) is not var (proxy, registry))
        {
            return;
        }
        await using var _ = proxy;
        proxy.FaultyConnections = resets;
        proxy.BreakAfterUploadBytes = 256 * 1024;
        var repository = $"faults/push-{Guid.NewGuid():N}";
        var digest = ContentDigest.Compute(blob);
        using var client = new OciRegistryClient(proxy.Address, plainHttp: true, retries: RetrySettings.Immediate);

        await client.PushBlobAsync(repository, digest, blob.Length, () => new MemoryStream(blob));

        Assert.True(proxy.Resets >= resets, $"the proxy reset {proxy.Resets} connections");
        using var direct = new OciRegistryClient(registry, plainHttp: true, retries: RetrySettings.Immediate);
        Assert.True(await direct.BlobExistsAsync(repository, digest));
        await using var stored = await direct.OpenBlobAsync(repository, digest);
        var read = new MemoryStream();
        await stored.CopyToAsync(read);
        Assert.Equal(blob, read.ToArray());
    }

    /// <summary>An image of one config and one layer (the random blob) in <paramref name="repository"/>; its manifest's digest.</summary>
    private async Task<ContentDigest> PushImageAsync(OciRegistryClient client, string repository)
    {
        var config = "{}"u8.ToArray();
        var (configDigest, layerDigest) = (ContentDigest.Compute(config), ContentDigest.Compute(blob));
        await client.PushBlobAsync(repository, configDigest, config.Length, () => new MemoryStream(config));
        await client.PushBlobAsync(repository, layerDigest, blob.Length, () => new MemoryStream(blob));
        var manifest = new OciManifest(OciManifest.ImageManifest, System.Text.Encoding.UTF8.GetBytes($$"""
            {"schemaVersion":2,"mediaType":"{{OciManifest.ImageManifest}}",
             "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{configDigest}}","size":{{config.Length}}},
             "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"{{layerDigest}}","size":{{blob.Length}}}]}
            """));
        return await client.PutManifestAsync(repository, "1.0.0", manifest);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_copy_whose_source_is_reset_or_stalls_mid_blob_converges_on_retry_and_the_target_holds_the_same_bytes(bool stall)
    {
        if (await StartAsync(output) is not var (proxy, registry))
        {
            return;
        }
        await using var _ = proxy;
        var (source, target) = ($"faults/source-{Guid.NewGuid():N}", $"faults/target-{Guid.NewGuid():N}");
        using var direct = new OciRegistryClient(registry, plainHttp: true, retries: RetrySettings.Immediate);
        var manifest = await PushImageAsync(direct, source);
        proxy.FaultyConnections = proxy.Connections + 2;
        proxy.Stall = stall;
        proxy.BreakAfterDownloadBytes = 1024 * 1024;
        using var proxied = new OciRegistryClient(proxy.Address, plainHttp: true, retries: StallSoon);

        await new OciImageCopier().CopyAsync(proxied, source, manifest, direct, target, "1.0.0");

        Assert.True((stall ? proxy.Stalls : proxy.Resets) >= 1, $"the proxy broke no connection ({proxy.Resets} resets, {proxy.Stalls} stalls)");
        await AssertStoredAsync(direct, target, manifest);
        await using var stored = await direct.OpenBlobAsync(target, ContentDigest.Compute(blob));
        var read = new MemoryStream();
        await stored.CopyToAsync(read);
        Assert.Equal(blob, read.ToArray());
    }

    [Fact]
    public async Task A_copy_whose_source_keeps_resetting_is_MLOPS3029_and_the_target_gets_no_tag()
    {
        if (await StartAsync(output) is not var (proxy, registry))
        {
            return;
        }
        await using var _ = proxy;
        var (source, target) = ($"faults/source-{Guid.NewGuid():N}", $"faults/target-{Guid.NewGuid():N}");
        using var direct = new OciRegistryClient(registry, plainHttp: true, retries: RetrySettings.Immediate);
        var manifest = await PushImageAsync(direct, source);
        proxy.FaultyConnections = int.MaxValue;
        proxy.BreakAfterDownloadBytes = 1024 * 1024;
        using var proxied = new OciRegistryClient(proxy.Address, plainHttp: true, retries: RetrySettings.Immediate);

        var e = await Assert.ThrowsAsync<RegistryException>(() => new OciImageCopier().CopyAsync(proxied, source, manifest, direct, target, "1.0.0"));

        Assert.Equal(ErrorCodes.Registries.OciBlobReadInterrupted, e.Code);
        Assert.Contains("Run again", e.Message);
        Assert.Null(await direct.GetManifestDigestAsync(target, "1.0.0"));
        Assert.False(await direct.BlobExistsAsync(target, ContentDigest.Compute(blob)));
    }

    /// <summary>The tag names the image, and the registry serves each of its blobs as bytes that hash to its digest.</summary>
    private async Task AssertStoredAsync(OciRegistryClient direct, string repository, ContentDigest manifest)
    {
        Assert.Equal(manifest, await direct.GetManifestDigestAsync(repository, "1.0.0"));
        var stored = await direct.GetManifestAsync(repository, manifest.ToString());
        Assert.NotNull(stored);
        foreach (var descriptor in stored.Blobs())
        {
            await using var body = await direct.OpenBlobAsync(repository, descriptor.Digest);
            var read = new MemoryStream();
            await body.CopyToAsync(read);
            Assert.Equal(descriptor.Digest, ContentDigest.Compute(read.ToArray()));
        }
    }

    [Fact]
    public async Task A_push_whose_first_connection_stalls_mid_blob_converges_on_retry_and_the_tag_names_the_image()
    {
        if (await StartAsync(output) is not var (proxy, registry))
        {
            return;
        }
        await using var _ = proxy;
        proxy.FaultyConnections = 1;
        proxy.Stall = true;
        proxy.BreakAfterUploadBytes = 256 * 1024;
        var repository = $"faults/stall-push-{Guid.NewGuid():N}";
        using var client = new OciRegistryClient(proxy.Address, plainHttp: true, retries: StallSoon);

        var manifest = await PushImageAsync(client, repository);

        Assert.Equal(1, proxy.Stalls);
        using var direct = new OciRegistryClient(registry, plainHttp: true, retries: RetrySettings.Immediate);
        await AssertStoredAsync(direct, repository, manifest);
    }

    [Fact]
    public async Task A_registry_that_stalls_every_upload_is_MLOPS3013_after_the_retries_and_gets_no_tag()
    {
        if (await StartAsync(output) is not var (proxy, registry))
        {
            return;
        }
        await using var _ = proxy;
        proxy.FaultyConnections = int.MaxValue;
        proxy.Stall = true;
        proxy.BreakAfterUploadBytes = 256 * 1024;
        var repository = $"faults/stall-always-{Guid.NewGuid():N}";
        using var client = new OciRegistryClient(proxy.Address, plainHttp: true, retries: StallSoon);

        var e = await Assert.ThrowsAsync<RegistryException>(() => PushImageAsync(client, repository));

        Assert.Equal(ErrorCodes.Registries.Stalled, e.Code);
        Assert.Contains("Check the network", e.Message);
        Assert.Equal(StallSoon.MaxRetries + 1, proxy.Stalls);
        using var direct = new OciRegistryClient(registry, plainHttp: true, retries: RetrySettings.Immediate);
        Assert.Null(await direct.GetManifestDigestAsync(repository, "1.0.0"));
        Assert.False(await direct.BlobExistsAsync(repository, ContentDigest.Compute(blob)));
    }
}
