using System.Net;
using System.Security.Cryptography;
using Mlops.Registries.Auth;
using Mlops.Registries.Http;
using Mlops.Registries.Oci;
using Mlops.Registries.Tests.Python;

namespace Mlops.Registries.Tests.Oci;

/// <summary>A blob read from a registry: a redirect to storage is followed without the registry's credential, and what streams through is checked against its digest.</summary>
public sealed class OciBlobDownloadTests
{
    private const string Host = "registry.example";
    private readonly byte[] content = RandomNumberGenerator.GetBytes(300_000);

    [Fact]
    public async Task A_redirect_to_storage_is_followed_without_the_Authorization_header()
    {
        var digest = ContentDigest.Compute(content);
        var handler = new ScriptedRegistryHandler()
            .On(r => r.RequestUri!.Host == "storage.example", _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(content) })
            .On(r => r.Headers.Authorization is null, _ =>
            {
                var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
                challenge.Headers.WwwAuthenticate.ParseAdd("Basic realm=\"registry\"");
                return challenge;
            })
            .On(_ => true, _ =>
            {
                var redirect = new HttpResponseMessage(HttpStatusCode.TemporaryRedirect);
                redirect.Headers.Location = new Uri("https://storage.example/blobs/abc?signature=s3cr3t");
                return redirect;
            });
        var credential = RegistryCredential.Basic("promoter", "the-password", "the test");
        using var client = new OciRegistryClient(Host, plainHttp: false, new FixedCredentialProvider(Host, credential), RetrySettings.Immediate, handler);

        await using var blob = await client.OpenBlobAsync("team/train", digest);
        var read = new MemoryStream();
        await blob.CopyToAsync(read);

        Assert.Equal(content, read.ToArray());
        Assert.Equal(content.Length, blob.Length);
        Assert.Collection(handler.Requests,
            first => Assert.Null(first.Authorization),
            registry => Assert.StartsWith("Basic ", registry.Authorization),
            storage =>
            {
                Assert.Equal("storage.example", storage.Uri.Host);
                Assert.Null(storage.Authorization);
            });
    }

    [Fact]
    public async Task Bytes_that_do_not_hash_to_the_digest_are_MLOPS3026_before_the_last_of_them_is_handed_on()
    {
        var digest = ContentDigest.Compute(content);
        var altered = (byte[])content.Clone();
        altered[1234] ^= 0xff;
        await using var verifying = new DigestVerifyingStream(new MemoryStream(altered), digest, altered.Length, $"{Host}/team/train");
        var buffer = new byte[64 * 1024];
        long handedOn = 0;

        var error = await Assert.ThrowsAsync<RegistryException>(async () =>
        {
            int n;
            while ((n = await verifying.ReadAsync(buffer)) > 0)
            {
                handedOn += n;
            }
        });

        Assert.Equal("MLOPS3026", error.Code);
        Assert.Contains($"{Host}/team/train@{digest}", error.Message);
        Assert.True(handedOn < altered.Length, $"{handedOn} of {altered.Length} bytes were handed on");
    }

    [Fact]
    public async Task A_blob_that_ends_early_is_MLOPS3026_and_the_right_bytes_pass_whole_an_empty_read_being_no_end()
    {
        var digest = ContentDigest.Compute(content);
        await using var shortened = new DigestVerifyingStream(new MemoryStream(content[..1000]), digest, content.Length, $"{Host}/team/train");
        var error = await Assert.ThrowsAsync<RegistryException>(() => shortened.CopyToAsync(Stream.Null));
        Assert.Equal("MLOPS3026", error.Code);
        Assert.Contains("ended after 1000", error.Message);

        await using var right = new DigestVerifyingStream(new MemoryStream(content), digest, content.Length, $"{Host}/team/train");
        Assert.Equal(0, await right.ReadAsync(Memory<byte>.Empty));
        var read = new MemoryStream();
        await right.CopyToAsync(read);
        Assert.Equal(content, read.ToArray());
    }
}
