using System.Security.Cryptography;
using System.Text;
using Mlops.Publishing.Images;
using Mlops.Registries;
using Mlops.Registries.Http;
using Mlops.Registries.Oci;

namespace Mlops.Publishing.Tests;

/// <summary>
/// Promotion's image copy against real registries: a component built by the engine (podman's Docker API) and pushed
/// to dataops's registry (plain HTTP, htpasswd), then copied by digest, with no engine, to another repository of that
/// registry (mounted) and to staging's registry on another port (TLS, streamed). skopeo and the registries' storage
/// are the independent checks.
/// </summary>
public sealed class OciImageCopyTests(ITestOutputHelper output, AuthenticatedRegistry dataops, TlsRegistry staging)
    : IClassFixture<AuthenticatedRegistry>, IClassFixture<TlsRegistry>, IDisposable
{
    private readonly TempFolder work = new("mlops-copy-");
    private readonly string prefix = $"team-{Guid.NewGuid():N}"[..13];
    private ComponentImageBuilder? engineBuilder;

    [Fact]
    public async Task Within_one_registry_every_blob_is_mounted_and_no_blob_byte_is_sent()
    {
        if (await SourceAsync() is not var (source, manifest)) return;
        var transport = new CountingTransport();
        var target = new OciRegistryClient(dataops.Host, plainHttp: true, dataops.Credentials(), RetrySettings.Immediate, transport);

        var log = new StringWriter();
        var copy = await new OciImageCopier(log).CopyAsync(Client(dataops), source, manifest.Digest, target, $"{prefix}-dev/team/train", "1.0.0");

        Assert.Equal(manifest.Digest, copy.Digest);
        Assert.Equal(0, transport.BlobBytesSent);
        Assert.Equal(0, copy.BytesCopied);
        Assert.Equal(manifest.Blobs().Count, copy.BlobsMounted);
        Assert.Equal(manifest.Blobs().Count, transport.Requests.Count(r => r.StartsWith("POST") && r.Contains("mount=sha256%3A") && r.Contains($"from={Uri.EscapeDataString(source)}")));
        Assert.DoesNotContain(transport.Requests, r => r.StartsWith("PATCH"));
        Assert.Equal(manifest.Digest.Hex, Sha256(await Skopeo.RunAsync("inspect", "--tls-verify=false", "--creds", dataops.SkopeoCredentials, "--raw", $"docker://{dataops.Host}/{prefix}-dev/team/train:1.0.0")));
        Assert.Contains($"-> {dataops.Host}/{prefix}-dev/team/train:1.0.0: 0 bytes copied, {copy.BytesMounted} mounted, 0 already there", log.ToString());
    }

    [Fact]
    public async Task Across_registries_each_blob_streams_in_one_put_even_above_the_chunk_size_skopeo_reads_the_same_digest_and_a_rerun_moves_nothing()
    {
        if (await SourceAsync() is not var (source, manifest)) return;
        var transport = new CountingTransport(staging.Authority!.Transport());
        var target = new OciRegistryClient(staging.Host, plainHttp: false, staging.Credentials(), RetrySettings.Immediate, transport) { ChunkSize = 256 * 1024 };
        var targetRepository = $"{prefix}/team/train";

        var copy = await new OciImageCopier(TextWriter.Null).CopyAsync(Client(dataops), source, manifest.Digest, target, targetRepository, "1.0.0");

        Assert.Equal(manifest.Digest, copy.Digest);
        Assert.Equal(manifest.Blobs().Sum(b => b.Size), copy.BytesCopied);
        Assert.Equal(copy.BytesCopied, transport.BlobBytesSent);
        // A copy cannot resume a blob (its source is a stream): chunks would only add round trips.
        Assert.DoesNotContain(transport.Requests, r => r.StartsWith("PATCH"));
        Assert.Equal(manifest.Blobs().Count(), transport.Requests.Count(r => r.StartsWith("PUT") && r.Contains("/blobs/uploads/")));
        Assert.DoesNotContain(transport.Requests, r => r.Contains("mount="));
        var raw = await Skopeo.RunAsync("inspect", "--cert-dir", CertificateFolder, "--creds", staging.SkopeoCredentials, "--raw", $"docker://{staging.Host}/{targetRepository}:1.0.0");
        Assert.Equal(manifest.Digest.Hex, Sha256(raw));
        foreach (var blob in manifest.Blobs())
        {
            Assert.Equal(blob.Digest.Hex, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(staging.BlobFile(blob.Digest)))));
        }

        var rerunTransport = new CountingTransport(staging.Authority.Transport());
        var rerunTarget = new OciRegistryClient(staging.Host, plainHttp: false, staging.Credentials(), RetrySettings.Immediate, rerunTransport);
        var rerun = await new OciImageCopier().CopyAsync(Client(dataops), source, manifest.Digest, rerunTarget, targetRepository, "1.0.0");

        Assert.Equal(manifest.Digest, rerun.Digest);
        Assert.Equal(0, rerun.BytesCopied);
        Assert.Equal(0, rerunTransport.BlobBytesSent);
        Assert.All(rerunTransport.Requests, r => Assert.True(r.StartsWith("GET") || r.StartsWith("HEAD"), r));
    }

    [Fact]
    public async Task A_connection_lost_mid_blob_leaves_no_manifest_and_the_rerun_copies_only_the_missing_blob()
    {
        if (await SourceAsync() is not var (source, manifest)) return;
        var weights = manifest.Blobs()[^1];
        var sourceTransport = new CountingTransport();
        sourceTransport.DropMidBody(r => r.Method == HttpMethod.Get && r.RequestUri!.AbsolutePath.EndsWith($"/blobs/{weights.Digest}"));
        var noRetries = new RetrySettings { MaxRetries = 0 };
        var flakySource = new OciRegistryClient(dataops.Host, plainHttp: true, dataops.Credentials(), noRetries, sourceTransport);
        var target = new OciRegistryClient(staging.Host, plainHttp: false, staging.Credentials(), noRetries, new CountingTransport(staging.Authority!.Transport()));
        var targetRepository = $"{prefix}/team/train";

        await Assert.ThrowsAnyAsync<Exception>(() => new OciImageCopier().CopyAsync(flakySource, source, manifest.Digest, target, targetRepository, "1.0.0"));

        Assert.Null(await target.GetManifestDigestAsync(targetRepository, manifest.Digest.ToString()));
        Assert.Null(await target.GetManifestDigestAsync(targetRepository, "1.0.0"));
        // The registry stores blobs by content: when another test of the class copied this layer to it already, it
        // links that stored blob to the repository on the digest alone, whatever part of the body arrived. Either way
        // what the repository holds is the right bytes.
        var linked = await target.BlobExistsAsync(targetRepository, weights.Digest);
        if (linked)
        {
            Assert.Equal(weights.Digest.Hex, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(staging.BlobFile(weights.Digest)))));
        }

        var rerunTransport = new CountingTransport(staging.Authority.Transport());
        var rerun = await new OciImageCopier().CopyAsync(Client(dataops), source, manifest.Digest,
            new OciRegistryClient(staging.Host, plainHttp: false, staging.Credentials(), RetrySettings.Immediate, rerunTransport), targetRepository, "1.0.0");

        Assert.Equal(manifest.Digest, rerun.Digest);
        Assert.Equal(linked ? 0 : weights.Size, rerun.BytesCopied);
        Assert.Equal(linked ? 0 : weights.Size, rerunTransport.BlobBytesSent);
        Assert.Equal(manifest.Blobs().Count - (linked ? 0 : 1), rerun.BlobsPresent);
        Assert.Equal(manifest.Digest.Hex, Sha256(await Skopeo.RunAsync("inspect", "--cert-dir", CertificateFolder, "--creds", staging.SkopeoCredentials, "--raw", $"docker://{staging.Host}/{targetRepository}:1.0.0")));
    }

    [Fact]
    public async Task A_source_that_serves_other_bytes_than_a_blob_digest_is_MLOPS3026_and_the_target_gets_no_manifest()
    {
        if (await SourceAsync() is not var (source, manifest)) return;
        var weights = manifest.Blobs()[^1];
        var sourceTransport = new CountingTransport();
        sourceTransport.Corrupt(r => r.Method == HttpMethod.Get && r.RequestUri!.AbsolutePath.EndsWith($"/blobs/{weights.Digest}"));
        var lying = new OciRegistryClient(dataops.Host, plainHttp: true, dataops.Credentials(), RetrySettings.Immediate, sourceTransport);
        var target = new OciRegistryClient(staging.Host, plainHttp: false, staging.Credentials(), RetrySettings.Immediate, new CountingTransport(staging.Authority!.Transport()));
        var targetRepository = $"{prefix}/team/train";

        var error = await Assert.ThrowsAsync<RegistryException>(() => new OciImageCopier().CopyAsync(lying, source, manifest.Digest, target, targetRepository, "1.0.0"));

        Assert.Equal("MLOPS3026", error.Code);
        Assert.Contains($"{dataops.Host}/{source}@{weights.Digest}", error.Message);
        Assert.DoesNotContain(dataops.Password, error.ToString());
        Assert.Null(await target.GetManifestDigestAsync(targetRepository, manifest.Digest.ToString()));
        Assert.Null(await target.GetManifestDigestAsync(targetRepository, "1.0.0"));
        // The registry stores blobs by content: when another test of the class copied this layer to it already, it
        // links that stored blob to the repository on the digest alone, whatever part of the body arrived. Either way
        // what the repository holds is the right bytes.
        var linked = await target.BlobExistsAsync(targetRepository, weights.Digest);
        if (linked)
        {
            Assert.Equal(weights.Digest.Hex, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(staging.BlobFile(weights.Digest)))));
        }
    }

    [Fact]
    public async Task An_index_is_copied_with_its_child_manifest_first_and_keeps_its_digest()
    {
        if (await SourceAsync() is not var (source, manifest)) return;
        var child = $"{{\"mediaType\":\"{manifest.MediaType}\",\"digest\":\"{manifest.Digest}\",\"size\":{manifest.Bytes.Length},\"platform\":{{\"architecture\":\"amd64\",\"os\":\"linux\"}}}}";
        var index = new OciManifest(OciManifest.ImageIndex, Encoding.UTF8.GetBytes($"{{\"schemaVersion\":2,\"mediaType\":\"{OciManifest.ImageIndex}\",\"manifests\":[{child}]}}"));
        await Client(dataops).PutManifestAsync(source, "1.0.0-index", index);
        var transport = new CountingTransport(staging.Authority!.Transport());
        var target = new OciRegistryClient(staging.Host, plainHttp: false, staging.Credentials(), RetrySettings.Immediate, transport);
        var targetRepository = $"{prefix}/team/train";

        var copy = await new OciImageCopier().CopyAsync(Client(dataops), source, index.Digest, target, targetRepository, "1.0.0");

        Assert.Equal(index.Digest, copy.Digest);
        var puts = transport.Requests.Where(r => r.StartsWith("PUT") && r.Contains("/manifests/")).ToList();
        Assert.Equal([$"PUT /v2/{targetRepository}/manifests/{manifest.Digest}", $"PUT /v2/{targetRepository}/manifests/{index.Digest}", $"PUT /v2/{targetRepository}/manifests/1.0.0"], puts);
        Assert.Equal(index.Digest.Hex, Sha256(await Skopeo.RunAsync("inspect", "--cert-dir", CertificateFolder, "--creds", staging.SkopeoCredentials, "--raw", $"docker://{staging.Host}/{targetRepository}:1.0.0")));
        Assert.Equal(manifest.Digest, await target.GetManifestDigestAsync(targetRepository, manifest.Digest.ToString()));
    }

    [Fact]
    public async Task A_digest_the_source_does_not_have_is_MLOPS3027_and_nothing_is_copied()
    {
        if (await SourceAsync() is not var (source, _)) return;
        var transport = new CountingTransport(staging.Authority!.Transport());
        var target = new OciRegistryClient(staging.Host, plainHttp: false, staging.Credentials(), RetrySettings.Immediate, transport);
        var absent = ContentDigest.Compute("no such manifest"u8);

        var error = await Assert.ThrowsAsync<RegistryException>(() => new OciImageCopier().CopyAsync(Client(dataops), source, absent, target, $"{prefix}/team/train", "1.0.0"));

        Assert.Equal("MLOPS3027", error.Code);
        Assert.Contains($"{dataops.Host}/{source} has no manifest {absent}", error.Message);
        Assert.Empty(transport.Requests);
    }

    [Fact]
    public void The_copier_takes_no_container_engine_and_its_library_does_not_reference_the_engine_client()
    {
        var parameters = typeof(OciImageCopier).GetConstructors().SelectMany(c => c.GetParameters())
            .Concat(typeof(OciImageCopier).GetMethods().Where(m => m.DeclaringType == typeof(OciImageCopier)).SelectMany(m => m.GetParameters()))
            .Select(p => p.ParameterType).ToList();
        Assert.DoesNotContain(typeof(ComponentImageBuilder), parameters);
        Assert.DoesNotContain(typeof(DockerEndpoint), parameters);
        Assert.All(parameters, type => Assert.True(type == typeof(string) || type.Namespace!.StartsWith("System") || type.Namespace!.StartsWith("Mlops.Registries") || type == typeof(ContentDigest), type.FullName));
        var references = typeof(OciImageCopier).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain(typeof(ComponentImageBuilder).Assembly.GetName().Name, references);
    }

    /// <summary>Builds and pushes a component of its own (its weights random, so no other test shares its layers) to dataops; its repository and manifest.</summary>
    private async Task<(string Repository, OciManifest Manifest)?> SourceAsync()
    {
        if (!AuthenticatedRegistry.AllRunning(output, dataops, staging) || TestServices.Require(output) is not { } services)
        {
            return null;
        }
        engineBuilder ??= new ComponentImageBuilder(DockerEndpoint.At(services.DockerHost));
        var folder = work.File("components", "train");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "train.py"), $"print('train {prefix}')\n");
        File.WriteAllBytes(Path.Combine(folder, "weights.bin"), RandomNumberGenerator.GetBytes(1024 * 1024 + 17));
        File.WriteAllText(Path.Combine(folder, "Dockerfile"), $"FROM {TestServices.BaseImage}\nCOPY train.py /app/\nCOPY weights.bin /app/\n");
        var component = new ComponentImage("train", folder, ImageReference.Parse("localhost/team/train:1.0.0"));
        var published = await new OciImageRegistry($"{dataops.Host}/{prefix}", Client(dataops), engineBuilder, work.File("export"), TextWriter.Null).PushAsync(component);
        var repository = $"{prefix}/team/train";
        return (repository, (await Client(dataops).GetManifestAsync(repository, published.Digest.ToString()))!);
    }

    private static OciRegistryClient Client(AuthenticatedRegistry registry) =>
        new(registry.Host, plainHttp: true, registry.Credentials(), RetrySettings.Immediate);

    private string CertificateFolder => Path.GetDirectoryName(staging.Authority!.AuthorityFile)!;

    private static string Sha256(string raw) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)));

    public void Dispose()
    {
        engineBuilder?.Dispose();
        work.Dispose();
    }
}
