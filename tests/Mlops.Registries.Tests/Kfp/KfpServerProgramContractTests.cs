using Mlops.ContractServers;
using Mlops.ContractServers.Kfp;
using Mlops.Diagnostics;
using Mlops.Registries.Auth;
using Mlops.Registries.Http;
using Mlops.Registries.Kfp;
using Mlops.Registries.Tests.Python;

namespace Mlops.Registries.Tests.Kfp;

/// <summary>The "kfp" server as the program form builds it, and what the client does when its store is tampered with.</summary>
public sealed class KfpServerProgramContractTests
{
    [Fact]
    public async Task The_program_form_takes_storage_a_user_and_a_token()
    {
        using var storage = new TempFolder("mlops-kfp-program-");
        Assert.True(Servers.TryCreate("kfp", Options.Parse(["--storage", storage.Path, "--user", "u", "--password", "p", "--token", "tok"]), out var server));
        await using var kfp = Assert.IsType<KfpRegistryServer>(server);
        await kfp.StartAsync();
        using var http = RegistryHttpClient.Create(RetrySettings.Immediate);
        var basic = new KfpTemplateRegistry(kfp.RepositoryUrl("acme", "pipelines"), http, new FixedCredentialProvider(kfp.BaseUri.Authority, RegistryCredential.Basic("u", "p", "test")));
        var bearer = new KfpTemplateRegistry(kfp.RepositoryUrl("acme", "pipelines"), http, new FixedCredentialProvider(kfp.BaseUri.Authority, RegistryCredential.Bearer("tok", "test")));

        var version = await basic.PushAsync("program", KfpRegistryFixture.Ir("program"), ["1.0.0"]);

        Assert.Equal([new PipelineTemplateTag("1.0.0", version)], await bearer.ListTagsAsync("program"));
        Assert.True(File.Exists(Path.Combine(storage.Path, "acme", "pipelines", "program", "versions", $"sha256-{version.Hex}.yaml")));
    }

    [Fact]
    public async Task Bytes_that_do_not_match_their_version_are_refused()
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        var registry = fixture.Client(KfpRegistryFixture.Generic);
        var version = await registry.PushAsync("tampered", KfpRegistryFixture.Ir("tampered"), ["1.0.0"]);
        await File.WriteAllTextAsync(fixture.Storage.File("acme", "pipelines", "tampered", "versions", $"sha256-{version.Hex}.yaml"), "pipelineInfo:\n  name: tampered\n");

        var error = await Assert.ThrowsAsync<RegistryException>(() => registry.GetAsync("tampered", "1.0.0"));

        Assert.Equal(ErrorCodes.Registries.ContentDigestMismatch, error.Code);
        Assert.Contains(version.ToString(), error.Message, StringComparison.Ordinal);
    }
}
