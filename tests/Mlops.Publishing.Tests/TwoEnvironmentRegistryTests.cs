using System.Security.Cryptography;
using Mlops.Publishing.Images;
using Mlops.Registries;
using Mlops.Registries.Http;
using Mlops.Registries.Oci;

namespace Mlops.Publishing.Tests;

/// <summary>
/// Two environments' registries: one over plain HTTP, one over TLS with a certificate of a throwaway CA, both with
/// htpasswd. The same component gets the same manifest digest in both, and skopeo (verifying TLS against the CA)
/// reads back exactly that digest.
/// </summary>
public sealed class TwoEnvironmentRegistryTests(ITestOutputHelper output, AuthenticatedRegistry dataops, TlsRegistry staging)
    : IClassFixture<AuthenticatedRegistry>, IClassFixture<TlsRegistry>, IDisposable
{
    private readonly TempFolder work = new("mlops-tls-");
    private readonly string prefix = $"team-{Guid.NewGuid():N}"[..13];
    private ComponentImageBuilder? engineBuilder;

    [Fact]
    public async Task The_same_component_has_one_digest_in_both_environments_and_skopeo_verifies_it_over_TLS()
    {
        if (Prerequisites() is not { } engine) return;
        var component = Component("prepare", "print('prepare')\n");
        var plain = new OciRegistryClient(dataops.Host, plainHttp: true, dataops.Credentials(), RetrySettings.Immediate);
        var overTls = new OciRegistryClient(staging.Host, plainHttp: false, staging.Credentials(), RetrySettings.Immediate,
            new CountingTransport(staging.Authority!.Transport()));

        var inDataops = await new OciImageRegistry($"{dataops.Host}/{prefix}", plain, engine, work.File("dataops"), TextWriter.Null).PushAsync(component);
        var inStaging = await new OciImageRegistry($"{staging.Host}/{prefix}", overTls, engine, work.File("staging"), TextWriter.Null).PushAsync(component);

        Assert.Equal(inDataops.Digest, inStaging.Digest);
        Assert.Equal($"{staging.Host}/{prefix}/team/prepare", inStaging.Reference.Name);
        var certificates = Path.GetDirectoryName(staging.Authority.AuthorityFile)!;
        var digest = await Skopeo.RunAsync("inspect", "--cert-dir", certificates, "--creds", staging.SkopeoCredentials,
            "--format", "{{.Digest}}", $"docker://{inStaging.Reference}");
        Assert.Equal(inStaging.Digest.ToString(), digest.Trim());
        Assert.Equal(inStaging.Digest.Hex, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(staging.BlobFile(inStaging.Digest)))));
    }

    [Fact]
    public async Task A_certificate_this_machine_does_not_trust_is_MLOPS3024_saying_to_install_the_CA()
    {
        if (Prerequisites() is not { } engine) return;
        var untrusting = new OciRegistryClient(staging.Host, plainHttp: false, staging.Credentials(), RetrySettings.Immediate);

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            new OciImageRegistry($"{staging.Host}/{prefix}", untrusting, engine, work.File("staging"), TextWriter.Null).InspectAsync(Component("score", "x")));

        Assert.Equal("MLOPS3024", error.Code);
        Assert.Contains(staging.Host, error.Message);
        Assert.Contains("Install the CA", error.Message);
        Assert.DoesNotContain(staging.Password, error.ToString());
    }

    private ComponentImage Component(string name, string code)
    {
        var folder = work.File("components", name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"{name}.py"), code);
        File.WriteAllText(Path.Combine(folder, "Dockerfile"), $"FROM {TestServices.BaseImage}\nCOPY {name}.py /app/\n");
        return new ComponentImage(name, folder, ImageReference.Parse($"localhost/team/{name}:1.0.0"));
    }

    private ComponentImageBuilder? Prerequisites()
    {
        if (!AuthenticatedRegistry.AllRunning(output, dataops, staging) || TestServices.Require(output) is not { } services)
        {
            return null;
        }
        return engineBuilder ??= new ComponentImageBuilder(DockerEndpoint.At(services.DockerHost));
    }

    public void Dispose()
    {
        engineBuilder?.Dispose();
        work.Dispose();
    }
}
