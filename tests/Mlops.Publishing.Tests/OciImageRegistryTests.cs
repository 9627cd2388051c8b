using System.Security.Cryptography;
using Mlops.Publishing.Images;
using Mlops.Registries;
using Mlops.Registries.Auth;
using Mlops.Registries.Http;
using Mlops.Registries.Oci;

namespace Mlops.Publishing.Tests;

/// <summary>
/// Component images to a real OCI registry (Docker distribution with htpasswd) through the real engine (podman's
/// Docker API), checked with skopeo and with the registry's own storage: every digest is what it stored.
/// </summary>
public sealed class OciImageRegistryTests(ITestOutputHelper output, AuthenticatedRegistry registry) : IClassFixture<AuthenticatedRegistry>, IDisposable
{
    private readonly TempFolder work = new("mlops-oci-");
    private readonly string prefix = $"team-{Guid.NewGuid():N}"[..13];

    [Fact]
    public async Task A_component_is_built_pushed_and_pinned_to_the_digest_skopeo_and_the_registry_storage_agree_on()
    {
        if (Prerequisites() is not { } engine) return;
        var transport = new CountingTransport();
        var images = Registry(engine, transport);
        var component = Component("prepare", "print('prepare')\n");

        var published = await images.PushAsync(component);

        Assert.True(published.Reference.IsPinned);
        Assert.Equal($"{registry.Host}/{prefix}/team/prepare", published.Reference.Name);
        var raw = await Skopeo("inspect", "--raw", $"docker://{registry.Host}/{prefix}/team/prepare:1.0.0");
        Assert.Equal(published.Digest.Hex, Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(raw))));
        Assert.Equal(published.Digest.ToString(), (await Skopeo("inspect", "--format", "{{.Digest}}", $"docker://{published.Reference}")).Trim());
        Assert.Equal(published.Digest.Hex, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(registry.BlobFile(published.Digest)))));
        Assert.True(transport.BlobBytesSent > 0);
    }

    [Fact]
    public async Task Republishing_the_same_component_builds_nothing_and_uploads_no_blob_byte()
    {
        if (Prerequisites() is not { } engine) return;
        var first = await Registry(engine, new CountingTransport()).PushAsync(Component("train", "print('train')\n"));
        var transport = new CountingTransport();

        var state = await Registry(null, transport).InspectAsync(Component("train", "print('train')\n"));
        var again = await Registry(null, transport).PushAsync(Component("train", "print('train')\n"));

        Assert.Equal(first, state.Published);
        Assert.Equal(first.Digest, again.Digest);
        Assert.Equal(0, transport.BlobBytesSent);
        Assert.DoesNotContain(transport.Requests, r => r.StartsWith("PUT") || r.StartsWith("PATCH") || r.StartsWith("POST"));
    }

    [Fact]
    public async Task The_same_tag_from_other_component_files_is_a_conflict_found_before_anything_is_pushed()
    {
        if (Prerequisites() is not { } engine) return;
        await Registry(engine, new CountingTransport()).PushAsync(Component("score", "print('v1')\n"));
        var transport = new CountingTransport();

        var state = await Registry(engine, transport).InspectAsync(Component("score", "print('v2')\n"));

        Assert.Null(state.Published);
        Assert.Contains($"{registry.Host}/{prefix}/team/score:1.0.0 is already published from other component files", state.Conflict);
        Assert.All(transport.Requests, r => Assert.True(r.StartsWith("GET") || r.StartsWith("HEAD"), r));
    }

    [Fact]
    public async Task A_large_layer_goes_in_chunks_and_a_503_and_a_dropped_connection_are_retried_to_the_right_blob()
    {
        if (Prerequisites() is not { } engine) return;
        var transport = new CountingTransport();
        transport.Fail(r => r.Method == HttpMethod.Patch, 503);
        transport.Drop(r => r.Method == HttpMethod.Patch);
        var client = new OciRegistryClient(registry.Host, plainHttp: true, Credentials(registry.Password), RetrySettings.Immediate, transport) { ChunkSize = 256 * 1024 };
        var component = Component("big", "print('big')\n", extraBytes: 1024 * 1024 + 17);

        var published = await new OciImageRegistry($"{registry.Host}/{prefix}", client, engine, work.File("work"), TextWriter.Null).PushAsync(component);

        Assert.True(transport.Requests.Count(r => r.StartsWith("PATCH")) > 4, string.Join("\n", transport.Requests));
        var raw = await Skopeo("inspect", "--raw", $"docker://{published.Reference}");
        Assert.Equal(published.Digest.Hex, Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(raw))));
        // skopeo copies every blob out of the registry and checks each digest.
        await Skopeo("copy", "--src-tls-verify=false", "--src-creds", $"{AuthenticatedRegistry.User}:{registry.Password}", $"docker://{published.Reference}", $"dir:{work.File("copy")}");
    }

    [Fact]
    public async Task A_wrong_password_is_MLOPS3020_naming_the_registry_and_never_the_password()
    {
        if (Prerequisites() is not { } engine) return;
        var wrong = "wrong-" + registry.Password;
        var client = new OciRegistryClient(registry.Host, plainHttp: true, Credentials(wrong), RetrySettings.Immediate);

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            new OciImageRegistry($"{registry.Host}/{prefix}", client, engine, work.File("work"), TextWriter.Null).InspectAsync(Component("prepare", "x")));

        Assert.Equal("MLOPS3020", error.Code);
        Assert.Contains(registry.Host, error.Message);
        Assert.DoesNotContain(wrong, error.ToString());
    }

    private OciImageRegistry Registry(ComponentImageBuilder? engine, CountingTransport transport) =>
        new($"{registry.Host}/{prefix}", new OciRegistryClient(registry.Host, plainHttp: true, Credentials(registry.Password), RetrySettings.Immediate, transport),
            engine, work.File("work"), TextWriter.Null);

    private static IRegistryCredentialProvider Credentials(string password) => new FixedCredentialProvider(RegistryCredential.Basic(AuthenticatedRegistry.User, password, "the test"));

    private ComponentImage Component(string name, string code, int extraBytes = 0)
    {
        var folder = work.File("components", name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"{name}.py"), code);
        var copy = "";
        if (extraBytes > 0)
        {
            File.WriteAllBytes(Path.Combine(folder, "weights.bin"), RandomNumberGenerator.GetBytes(extraBytes));
            copy = "COPY weights.bin /app/\n";
        }
        File.WriteAllText(Path.Combine(folder, "Dockerfile"), $"FROM {TestServices.BaseImage}\nCOPY {name}.py /app/\n{copy}");
        return new ComponentImage(name, folder, ImageReference.Parse($"localhost/team/{name}:1.0.0"));
    }

    private ComponentImageBuilder? Prerequisites()
    {
        if (registry.Missing is { } missing)
        {
            MissingPrerequisite.Report(output, missing);
            return null;
        }
        if (TestServices.Require(output) is not { } services)
        {
            return null;
        }
        return engineBuilder ??= new ComponentImageBuilder(DockerEndpoint.At(services.DockerHost));
    }

    private ComponentImageBuilder? engineBuilder;

    private async Task<string> Skopeo(params string[] arguments)
    {
        string[] credentials = arguments[0] == "inspect" ? ["--tls-verify=false", "--creds", $"{AuthenticatedRegistry.User}:{registry.Password}"] : [];
        var result = await ChildProcess.RunAsync("skopeo", [arguments[0], .. credentials, .. arguments.Skip(1)]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output;
    }

    public void Dispose()
    {
        engineBuilder?.Dispose();
        work.Dispose();
    }
}
