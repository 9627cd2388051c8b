using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Mlops.Diagnostics;
using Mlops.Registries.Auth;
using Mlops.Registries.Http;
using Mlops.Registries.Kfp;
using Mlops.Registries.Tests.Python;

namespace Mlops.Registries.Tests.Kfp;

/// <summary>KfpTemplateRegistry when the registry fails: transient statuses retried, refusals reported without secrets.</summary>
public sealed class KfpFaultsContractTests
{
    private static bool IsUpload(HttpRequest request) => request.Method == "POST" && request.Path.Value!.TrimEnd('/') == "/acme/pipelines";

    [Theory, MemberData(nameof(KfpTemplateRegistryContractTests.Forms), MemberType = typeof(KfpTemplateRegistryContractTests))]
    public async Task An_upload_answered_503_is_sent_again(string form)
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        fixture.Server.Faults.Respond(503, IsUpload);
        var ir = KfpRegistryFixture.Ir("flaky");

        var version = await fixture.Client(form).PushAsync("flaky", ir, ["1.0.0"]);

        Assert.Equal(ContentDigest.Compute(ir), version);
        Assert.Equal(2, fixture.Uploads.Count());
        Assert.Equal(0, fixture.Server.Faults.Pending);
    }

    [Fact]
    public async Task A_429_is_retried_after_its_retry_after()
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        fixture.Server.Faults.Respond(429, IsUpload, retryAfterSeconds: 1);
        var clock = Stopwatch.StartNew();

        await fixture.Client(KfpRegistryFixture.ArtifactRegistry).PushAsync("throttled", KfpRegistryFixture.Ir("throttled"), []);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {clock.Elapsed}, before the 1 s Retry-After");
        Assert.Equal(2, fixture.Uploads.Count());
    }

    [Fact]
    public async Task A_tag_write_answered_503_is_sent_again()
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        fixture.Server.Faults.Respond(503, r => r.Method == "POST" && r.Path.Value!.EndsWith("/tags", StringComparison.Ordinal));

        await fixture.Client(KfpRegistryFixture.ArtifactRegistry).PushAsync("tagged", KfpRegistryFixture.Ir("tagged"), ["1.0.0"]);

        Assert.Equal(2, fixture.TagWrites.Count());
        Assert.Single(await fixture.Client(KfpRegistryFixture.ArtifactRegistry).ListTagsAsync("tagged"));
    }

    [Fact]
    public async Task Persistent_503_fails_with_the_url_and_status_after_the_retries()
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        fixture.Server.Faults.Respond(503, IsUpload, times: RetrySettings.Immediate.MaxRetries + 1);

        var error = await Assert.ThrowsAsync<RegistryException>(() => fixture.Client(KfpRegistryFixture.Generic).PushAsync("down", KfpRegistryFixture.Ir("down"), []));

        Assert.Equal(ErrorCodes.Registries.KfpRequestFailed, error.Code);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Contains("/acme/pipelines", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_is_unauthorized_and_the_token_is_not_in_the_message()
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        const string wrongToken = "ya29.wrong-token-that-must-not-leak";

        var error = await Assert.ThrowsAsync<RegistryException>(() => fixture.Client(KfpRegistryFixture.ArtifactRegistry, wrongToken).PushAsync("secret", KfpRegistryFixture.Ir("secret"), []));

        Assert.Equal(ErrorCodes.Registries.KfpUnauthorized, error.Code);
        Assert.Contains(KfpRegistryFixture.ArtifactRegistryUrl.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("application default credentials", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongToken, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(KfpRegistryFixture.AccessToken, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_unauthorized_and_the_password_is_not_in_the_message()
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        const string wrongPassword = "wrong-Pa55word-must-not-leak";

        var error = await Assert.ThrowsAsync<RegistryException>(() => fixture.Client(KfpRegistryFixture.Generic, wrongPassword).ListPackagesAsync());

        Assert.Equal(ErrorCodes.Registries.KfpUnauthorized, error.Code);
        Assert.Contains(KfpRegistryFixture.User, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongPassword, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_credential_is_unauthorized_and_says_none_was_found()
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        var anonymous = new KfpTemplateRegistry(fixture.Server.RepositoryUrl("acme", "pipelines"), fixture.Http);

        var error = await Assert.ThrowsAsync<RegistryException>(() => anonymous.ListPackagesAsync());

        Assert.Equal(ErrorCodes.Registries.KfpUnauthorized, error.Code);
        Assert.Contains($"no credential was found for {fixture.Server.BaseUri.Authority}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Basic_oauth2accesstoken_is_sent_as_a_bearer_token()
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        var registry = new KfpTemplateRegistry(KfpRegistryFixture.ArtifactRegistryUrl, fixture.Http,
            new FixedCredentialProvider(KfpRegistryFixture.ArtifactRegistryUrl.Authority, RegistryCredential.Basic("oauth2accesstoken", KfpRegistryFixture.AccessToken, "docker-credential-gcloud")),
            apiOverride: fixture.Server.BaseUri);

        await registry.PushAsync("via-helper", KfpRegistryFixture.Ir("via-helper"), []);

        Assert.All(fixture.Server.Requests, r => Assert.Equal("Bearer " + KfpRegistryFixture.AccessToken, r.Authorization));
    }

    [Fact]
    public async Task Forbidden_names_the_repository_and_the_permission()
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        fixture.Server.Faults.Respond(403, IsUpload);

        var error = await Assert.ThrowsAsync<RegistryException>(() => fixture.Client(KfpRegistryFixture.ArtifactRegistry).PushAsync("denied", KfpRegistryFixture.Ir("denied"), []));

        Assert.Equal(ErrorCodes.Registries.KfpForbidden, error.Code);
        Assert.Contains("artifactregistry.repositories.uploadArtifacts", error.Message, StringComparison.Ordinal);
        Assert.Contains(KfpRegistryFixture.ArtifactRegistryUrl.ToString(), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(KfpRegistryFixture.AccessToken, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_repository_says_how_to_create_it()
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        fixture.Server.Faults.Respond(404, IsUpload);

        var error = await Assert.ThrowsAsync<RegistryException>(() => fixture.Client(KfpRegistryFixture.ArtifactRegistry).PushAsync("nowhere", KfpRegistryFixture.Ir("nowhere"), []));

        Assert.Equal(ErrorCodes.Registries.KfpRepositoryNotFound, error.Code);
        Assert.Contains("gcloud artifacts repositories create pipelines --repository-format=kfp --location=europe-west4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dropped_connection_on_a_read_is_retried()
    {
        await using var fixture = await KfpRegistryFixture.StartAsync();
        var registry = fixture.Client(KfpRegistryFixture.Generic);
        var ir = KfpRegistryFixture.Ir("dropped");
        await registry.PushAsync("dropped", ir, ["1.0.0"]);
        fixture.Server.Faults.DropConnection(r => r.Method == "GET" && r.Path.Value!.EndsWith("/dropped/sha256:" + ContentDigest.Compute(ir).Hex, StringComparison.Ordinal));

        Assert.Equal(ir, await registry.GetAsync("dropped", "1.0.0"));
        Assert.Equal(0, fixture.Server.Faults.Pending);
    }
}
