using System.Net;
using System.Text;
using Mlops.Registries.Http;
using Mlops.Registries.Oci;

namespace Mlops.Registries.Tests.Oci;

/// <summary>
/// A manifest PUT the registry answers MANIFEST_BLOB_UNKNOWN for: the distribution registry says so for an instant while
/// another publish links the same blob into the repository, so the PUT is asked again; a blob that stays unknown is an error.
/// </summary>
public sealed class ManifestBlobCheckTests
{
    private const string Host = "registry.example";
    private static readonly OciManifest Manifest = new(OciManifest.ImageManifest,
        Encoding.UTF8.GetBytes("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[]}"""));

    [Fact]
    public async Task A_blob_unknown_for_an_instant_is_asked_again_and_the_manifest_is_stored()
    {
        var puts = 0;
        var handler = new ScriptedRegistryHandler().On(r => r.Method == HttpMethod.Put, _ => ++puts < 3 ? BlobUnknown() : Created());
        using var client = new OciRegistryClient(Host, plainHttp: false, credentials: null, RetrySettings.Immediate, handler);

        var digest = await client.PutManifestAsync("team/train", "1.0.0", Manifest);

        Assert.Equal(Manifest.Digest, digest);
        Assert.Equal(3, puts);
    }

    [Fact]
    public async Task A_blob_that_stays_unknown_is_a_coded_error_naming_the_registry_and_the_registry_s_answer()
    {
        var handler = new ScriptedRegistryHandler().On(r => r.Method == HttpMethod.Put, _ => BlobUnknown());
        using var client = new OciRegistryClient(Host, plainHttp: false, credentials: null, RetrySettings.Immediate, handler);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.PutManifestAsync("team/train", "1.0.0", Manifest));

        Assert.StartsWith("MLOPS3", error.Code);
        Assert.Contains(Host, error.Message);
        Assert.Contains("MANIFEST_BLOB_UNKNOWN", error.Message);
        Assert.Equal(4, handler.Requests.Count);
    }

    [Fact]
    public async Task Another_bad_request_is_not_asked_again()
    {
        var handler = new ScriptedRegistryHandler().On(r => r.Method == HttpMethod.Put, _ => new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent("""{"errors":[{"code":"MANIFEST_INVALID","message":"manifest invalid"}]}"""),
        });
        using var client = new OciRegistryClient(Host, plainHttp: false, credentials: null, RetrySettings.Immediate, handler);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.PutManifestAsync("team/train", "1.0.0", Manifest));

        Assert.Contains("MANIFEST_INVALID", error.Message);
        Assert.Single(handler.Requests);
    }

    private static HttpResponseMessage BlobUnknown() => new(HttpStatusCode.BadRequest)
    {
        Content = new StringContent("""{"errors":[{"code":"MANIFEST_BLOB_UNKNOWN","message":"blob unknown to registry","detail":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"}]}"""),
    };

    private static HttpResponseMessage Created()
    {
        var created = new HttpResponseMessage(HttpStatusCode.Created);
        created.Headers.Add("Docker-Content-Digest", Manifest.Digest.ToString());
        return created;
    }
}
