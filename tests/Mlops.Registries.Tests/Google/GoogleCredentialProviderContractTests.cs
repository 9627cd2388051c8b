using System.Text;
using Mlops.ContractServers.Kfp;
using Mlops.ContractServers.Python;
using Mlops.Diagnostics;
using Mlops.Registries.Auth;
using Mlops.Registries.Auth.Google;
using Mlops.Registries.Http;
using Mlops.Registries.Kfp;
using Mlops.Registries.Python;
using Mlops.Registries.Tests.Kfp;

namespace Mlops.Registries.Tests.Google;

/// <summary>
/// The token Google.Apis.Auth got from the loopback Google server, carried by <see cref="GoogleCredentialProvider"/>
/// as <c>oauth2accesstoken</c> to the KFP-format and Python registry contract servers started with that same token.
/// </summary>
public sealed class GoogleCredentialProviderContractTests
{
    [Fact]
    public async Task A_wheel_is_pushed_to_the_python_registry_with_the_service_accounts_token_as_oauth2accesstoken()
    {
        await using var google = await GoogleAuthFixture.StartAsync();
        google.UseCredentialsFile(google.ServiceAccountJson());
        using var storage = new TempFolder("mlops-gauth-pypi-");
        await using var registry = new PythonRegistryServer(storage.Path, user: null, password: null, "/acme-dataops/models/", GoogleAuthFixture.AccessToken);
        await registry.StartAsync();
        using var http = RegistryHttpClient.Create(RetrySettings.Immediate);
        var provider = new GoogleCredentialProvider(google.Source(), [registry.BaseUri.Authority]);
        var wheel = TestWheel.Write(google.Home.Path, "churn-model", "1.0.0", "42");

        var published = await new PythonUploadIndex(registry.RepositoryUrl, http, provider, RetrySettings.Immediate).PushAsync(wheel);

        Assert.Equal("churn_model-1.0.0-py3-none-any.whl", published.FileName);
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"oauth2accesstoken:{GoogleAuthFixture.AccessToken}"));
        Assert.Contains(registry.Requests, r => r.Method == "POST" && r.Authorization == basic);
        Assert.Single(google.Server.Issued);
    }

    [Fact]
    public async Task A_pipeline_is_pushed_to_the_kfp_registry_with_the_impersonated_targets_token()
    {
        await using var google = await GoogleAuthFixture.StartAsync();
        google.Server.AllowImpersonation(GoogleAuthFixture.ServiceAccount, GoogleAuthFixture.Target);
        google.UseCredentialsFile(google.ServiceAccountJson());
        using var storage = new TempFolder("mlops-gauth-kfp-");
        await using var registry = new KfpRegistryServer(storage.Path, acceptedTokens: [GoogleAuthFixture.AccessToken]);
        await registry.StartAsync();
        using var http = RegistryHttpClient.Create(RetrySettings.Immediate);
        var provider = new GoogleCredentialProvider(google.Source(impersonate: GoogleAuthFixture.Target), [registry.BaseUri.Authority]);

        var digest = await new KfpTemplateRegistry(registry.RepositoryUrl("acme", "pipelines"), http, provider)
            .PushAsync("churn-training", KfpRegistryFixture.Ir("churn-training"), ["1.0.0"]);

        Assert.StartsWith("sha256:", digest.ToString());
        Assert.Equal(GoogleAuthFixture.Target, google.Server.Issued[^1].Principal);
        Assert.All(registry.Requests, r => Assert.Contains(r.Authorization, new[] { "Bearer " + GoogleAuthFixture.AccessToken, BasicOf(GoogleAuthFixture.AccessToken) }));
    }

    [Theory]
    [InlineData("europe-west4-docker.pkg.dev")]
    [InlineData("europe-west4-kfp.pkg.dev")]
    [InlineData("europe-west4-python.pkg.dev")]
    [InlineData("us-docker.pkg.dev:443")]
    public async Task Googles_registry_hosts_get_oauth2accesstoken_and_the_credential_never_shows_the_token(string host)
    {
        await using var google = await GoogleAuthFixture.StartAsync();
        google.UseCredentialsFile(google.ServiceAccountJson());
        var source = google.Source();

        var credential = await new GoogleCredentialProvider(source).GetAsync(host);

        Assert.NotNull(credential);
        Assert.Equal(("oauth2accesstoken", GoogleAuthFixture.AccessToken), (credential.UserName, credential.Password));
        Assert.Equal(source.Description, credential.Source);
        Assert.DoesNotContain(GoogleAuthFixture.AccessToken, credential.ToString());
        Assert.Contains(GoogleAuthFixture.ServiceAccount, credential.ToString());
    }

    [Theory]
    [InlineData("registry-1.docker.io")]
    [InlineData("127.0.0.1:5000")]
    [InlineData("pkg.dev.example.com")]
    public async Task Other_hosts_get_no_credential_and_no_token_is_asked_for(string host)
    {
        await using var google = await GoogleAuthFixture.StartAsync();

        Assert.Null(await new GoogleCredentialProvider(google.Source()).GetAsync(host));
        Assert.Empty(google.Server.Requests);
    }

    [Fact]
    public async Task A_pkg_dev_host_without_any_credentials_is_MLOPS3062_naming_the_host()
    {
        await using var google = await GoogleAuthFixture.StartAsync();

        var error = await Assert.ThrowsAsync<RegistryException>(() => new GoogleCredentialProvider(google.Source()).GetAsync("europe-west4-python.pkg.dev"));

        Assert.Equal(ErrorCodes.Registries.GoogleCredentialsNotFound, error.Code);
        Assert.Contains("europe-west4-python.pkg.dev", error.Message);
        Assert.Contains("gcloud auth application-default login", error.Message);
    }

    [Fact]
    public async Task In_the_default_chain_dockers_config_wins_for_a_pkg_dev_host_it_names()
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("_json_key_base64:a-key-from-docker-config"));
        var environment = new Dictionary<string, string>
        {
            ["DOCKER_AUTH_CONFIG"] = "{\"auths\":{\"europe-west4-docker.pkg.dev\":{\"auth\":\"" + auth + "\"}}}",
            ["DOCKER_CONFIG"] = "/nonexistent-docker-config",
        };

        var credential = await RegistryCredentials.Default(GoogleAuthFixture.Target, name => environment.GetValueOrDefault(name)).GetAsync("europe-west4-docker.pkg.dev");

        Assert.Equal(("_json_key_base64", "DOCKER_AUTH_CONFIG auths"), (credential!.UserName, credential.Source));
    }

    private static string BasicOf(string token) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"oauth2accesstoken:{token}"));
}
