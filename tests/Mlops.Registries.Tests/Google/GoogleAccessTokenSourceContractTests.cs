using Mlops.ContractServers.Google;
using Mlops.Diagnostics;
using Mlops.Registries.Auth.Google;

namespace Mlops.Registries.Tests.Google;

/// <summary>
/// The real Google.Apis.Auth, driven by <see cref="GoogleAccessTokenSource"/>, against the loopback Google token server:
/// each kind of application default credentials, impersonation, and the failures a user must be able to act on.
/// </summary>
public sealed class GoogleAccessTokenSourceContractTests
{
    [Fact]
    public async Task A_service_account_file_from_GOOGLE_APPLICATION_CREDENTIALS_gets_a_cloud_platform_token_with_a_verified_assertion()
    {
        await using var google = await GoogleAuthFixture.StartAsync();
        var path = google.UseCredentialsFile(google.ServiceAccountJson());
        var source = google.Source();

        var token = await source.GetAccessTokenAsync();

        Assert.Equal(GoogleAuthFixture.AccessToken, token);
        var issued = Assert.Single(google.Server.Issued);
        Assert.Equal((GoogleTokenServer.JwtBearerGrant, GoogleAuthFixture.ServiceAccount), (issued.Grant, issued.Principal));
        Assert.Equal([GoogleTokenServer.CloudPlatformScope], issued.Scopes);
        Assert.Equal($"service account {GoogleAuthFixture.ServiceAccount} from GOOGLE_APPLICATION_CREDENTIALS ({path})", source.Description);
        Assert.DoesNotContain(token, source.Description);
    }

    [Fact]
    public async Task A_second_token_comes_from_the_library_cache_without_a_request()
    {
        await using var google = await GoogleAuthFixture.StartAsync();
        google.UseCredentialsFile(google.ServiceAccountJson());
        var source = google.Source();

        Assert.Equal(await source.GetAccessTokenAsync(), await source.GetAccessTokenAsync());

        Assert.Single(google.Server.Requests);
    }

    [Fact]
    public async Task Gclouds_application_default_credentials_of_a_user_are_used_when_the_variable_is_not_set()
    {
        await using var google = await GoogleAuthFixture.StartAsync();
        google.Server.AddRefreshToken(GoogleAuthFixture.RefreshToken, "dev@acme.example");
        var path = google.WriteGcloudApplicationDefault(google.AuthorizedUserJson());
        var source = google.Source();

        var token = await source.GetAccessTokenAsync();

        Assert.Equal(GoogleAuthFixture.AccessToken, token);
        Assert.Equal(("refresh_token", "dev@acme.example"), (google.Server.Issued[0].Grant, google.Server.Issued[0].Principal));
        // Google.Apis.Auth sends user credentials to Google's own token URL, whatever the file's token_uri.
        Assert.Equal(["https://oauth2.googleapis.com/token"], google.Http.Rewritten);
        Assert.Contains($"gcloud's application default credentials ({path})", source.Description);
    }

    [Fact]
    public async Task GOOGLE_APPLICATION_CREDENTIALS_wins_over_gclouds_file()
    {
        await using var google = await GoogleAuthFixture.StartAsync();
        google.WriteGcloudApplicationDefault(google.AuthorizedUserJson());
        google.UseCredentialsFile(google.ServiceAccountJson());

        await google.Source().GetAccessTokenAsync();

        Assert.Equal(GoogleTokenServer.JwtBearerGrant, Assert.Single(google.Server.Issued).Grant);
    }

    [Fact]
    public async Task An_impersonated_service_account_file_gets_the_targets_token_with_an_iam_scoped_source_token()
    {
        await using var google = await GoogleAuthFixture.StartAsync();
        google.Server.AllowImpersonation(GoogleAuthFixture.ServiceAccount, GoogleAuthFixture.Target);
        google.UseCredentialsFile(google.ImpersonatedJson());
        var source = google.Source();

        var token = await source.GetAccessTokenAsync();

        Assert.Equal(GoogleAuthFixture.AccessToken, token);
        Assert.Collection(google.Server.Issued,
            first => Assert.Equal((GoogleAuthFixture.ServiceAccount, GoogleTokenServer.IamScope), (first.Principal, Assert.Single(first.Scopes))),
            second => Assert.Equal(("generateAccessToken", GoogleAuthFixture.Target, GoogleTokenServer.CloudPlatformScope), (second.Grant, second.Principal, Assert.Single(second.Scopes))));
        Assert.StartsWith($"service account {GoogleAuthFixture.Target} impersonated", source.Description);
    }

    [Fact]
    public async Task Workload_identity_federation_as_google_github_actions_auth_writes_it_exchanges_the_subject_token_and_impersonates()
    {
        await using var google = await GoogleAuthFixture.StartAsync();
        var subject = google.Home.File("github-oidc-token");
        File.WriteAllText(subject, "github-oidc-subject-token");
        google.Server.AddSubjectToken("github-oidc-subject-token", "principal://github/acme/churn");
        google.Server.AllowImpersonation("principal://github/acme/churn", GoogleAuthFixture.ServiceAccount);
        google.UseCredentialsFile(google.ExternalAccountJson(subject));
        var source = google.Source();

        var token = await source.GetAccessTokenAsync();

        Assert.Equal(GoogleAuthFixture.AccessToken, token);
        Assert.Equal(["token-exchange", "generateAccessToken"], google.Server.Issued.Select(i => i.Grant));
        Assert.Equal(GoogleAuthFixture.ServiceAccount, google.Server.Issued[1].Principal);
        Assert.Contains("workload identity federation", source.Description);
        Assert.Contains($"as service account {GoogleAuthFixture.ServiceAccount}", source.Description);
    }

    [Fact]
    public async Task The_metadata_server_at_GCE_METADATA_HOST_is_asked_with_the_metadata_flavor_header()
    {
        await using var google = await GoogleAuthFixture.StartAsync();
        google.Environment["GCE_METADATA_HOST"] = google.Server.MetadataHost;
        var source = google.Source();

        var token = await source.GetAccessTokenAsync();

        Assert.Equal(GoogleAuthFixture.AccessToken, token);
        var issued = Assert.Single(google.Server.Issued);
        Assert.Equal(("metadata", GoogleTokenServer.MetadataPrincipal), (issued.Grant, issued.Principal));
        Assert.StartsWith("/computeMetadata/v1/instance/service-accounts/default/token", Assert.Single(google.Server.Requests).PathAndQuery);
        Assert.Contains("metadata server", source.Description);
    }

    [Fact]
    public async Task The_environments_impersonate_target_is_impersonated_through_iamcredentials()
    {
        await using var google = await GoogleAuthFixture.StartAsync();
        google.Server.AllowImpersonation(GoogleAuthFixture.ServiceAccount, GoogleAuthFixture.Target);
        google.UseCredentialsFile(google.ServiceAccountJson());
        var source = google.Source(impersonate: GoogleAuthFixture.Target);

        var token = await source.GetAccessTokenAsync();

        Assert.Equal(GoogleAuthFixture.AccessToken, token);
        Assert.Equal([$"https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/{GoogleAuthFixture.Target}:generateAccessToken"], google.Http.Rewritten);
        Assert.Equal([GoogleTokenServer.IamScope], google.Server.Issued[0].Scopes);
        Assert.Equal(("generateAccessToken", GoogleAuthFixture.Target), (google.Server.Issued[1].Grant, google.Server.Issued[1].Principal));
        Assert.Equal($"service account {GoogleAuthFixture.Target} impersonated by service account {GoogleAuthFixture.ServiceAccount} from GOOGLE_APPLICATION_CREDENTIALS ({google.Environment["GOOGLE_APPLICATION_CREDENTIALS"]})", source.Description);
    }

    [Fact]
    public async Task Impersonation_without_token_creator_on_the_target_is_MLOPS3065_naming_the_role()
    {
        await using var google = await GoogleAuthFixture.StartAsync();
        google.UseCredentialsFile(google.ServiceAccountJson());

        var error = await Assert.ThrowsAsync<RegistryException>(() => google.Source(impersonate: GoogleAuthFixture.Target).GetAccessTokenAsync());

        Assert.Equal(ErrorCodes.Registries.GoogleImpersonationDenied, error.Code);
        Assert.Contains("roles/iam.serviceAccountTokenCreator", error.Message);
        Assert.Contains(GoogleAuthFixture.Target, error.Message);
        AssertNoSecret(google, error);
    }

    [Fact]
    public async Task Impersonating_from_the_metadata_server_is_MLOPS3066_saying_where_to_put_the_impersonation()
    {
        await using var google = await GoogleAuthFixture.StartAsync();
        google.Environment["GCE_METADATA_HOST"] = google.Server.MetadataHost;

        var error = await Assert.ThrowsAsync<RegistryException>(() => google.Source(impersonate: GoogleAuthFixture.Target).GetAccessTokenAsync());

        Assert.Equal(ErrorCodes.Registries.GoogleImpersonationUnsupported, error.Code);
        Assert.Contains("--impersonate-service-account " + GoogleAuthFixture.Target, error.Message);
        Assert.Empty(google.Server.Requests);
    }

    [Fact]
    public async Task A_key_the_token_endpoint_does_not_know_is_MLOPS3064_with_invalid_grant_and_no_secret()
    {
        await using var google = await GoogleAuthFixture.StartAsync();
        using var otherKey = System.Security.Cryptography.RSA.Create(2048);
        google.UseCredentialsFile(google.ServiceAccountJson(otherKey.ExportPkcs8PrivateKeyPem()));

        var error = await Assert.ThrowsAsync<RegistryException>(() => google.Source().GetAccessTokenAsync());

        Assert.Equal(ErrorCodes.Registries.GoogleTokenRequestFailed, error.Code);
        Assert.Contains("invalid_grant", error.Message);
        Assert.Contains(google.Server.MetadataHost, error.Message);
        Assert.Contains("HTTP 400", error.Message);
        Assert.DoesNotContain("..", error.Message);
        AssertNoSecret(google, error, otherKey.ExportPkcs8PrivateKeyPem());
    }

    [Fact]
    public async Task A_revoked_refresh_token_is_MLOPS3064_without_the_refresh_token_or_client_secret()
    {
        await using var google = await GoogleAuthFixture.StartAsync();
        google.WriteGcloudApplicationDefault(google.AuthorizedUserJson());

        var error = await Assert.ThrowsAsync<RegistryException>(() => google.Source().GetAccessTokenAsync());

        Assert.Equal(ErrorCodes.Registries.GoogleTokenRequestFailed, error.Code);
        Assert.Contains("invalid_grant", error.Message);
        Assert.Contains("oauth2.googleapis.com", error.Message);
        Assert.DoesNotContain(GoogleAuthFixture.RefreshToken, Everything(error));
        Assert.DoesNotContain(GoogleAuthFixture.ClientSecret, Everything(error));
    }

    [Fact]
    public async Task A_503_from_the_token_endpoint_is_retried_by_the_library()
    {
        await using var google = await GoogleAuthFixture.StartAsync();
        google.UseCredentialsFile(google.ServiceAccountJson());
        google.Server.Faults.Respond(503, r => r.Path == "/token");

        var token = await google.Source().GetAccessTokenAsync();

        Assert.Equal(GoogleAuthFixture.AccessToken, token);
        Assert.Equal(2, google.Server.Requests.Count(r => r.PathAndQuery == "/token"));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(429)]
    public async Task A_refusal_without_a_body_from_the_token_endpoint_is_MLOPS3064_with_the_status(int status)
    {
        await using var google = await GoogleAuthFixture.StartAsync();
        google.UseCredentialsFile(google.ServiceAccountJson());
        google.Server.Faults.Respond(status, r => r.Path == "/token", retryAfterSeconds: 0, times: 10);

        var error = await Assert.ThrowsAsync<RegistryException>(() => google.Source().GetAccessTokenAsync());

        Assert.Equal(ErrorCodes.Registries.GoogleTokenRequestFailed, error.Code);
        Assert.Contains($"HTTP {status}", error.Message);
        AssertNoSecret(google, error);
    }

    [Fact]
    public async Task No_credentials_at_all_is_MLOPS3062_naming_the_ways_to_get_some()
    {
        await using var google = await GoogleAuthFixture.StartAsync();

        var error = await Assert.ThrowsAsync<RegistryException>(() => google.Source().GetAccessTokenAsync());

        Assert.Equal(ErrorCodes.Registries.GoogleCredentialsNotFound, error.Code);
        Assert.Contains("gcloud auth application-default login", error.Message);
        Assert.Contains("GOOGLE_APPLICATION_CREDENTIALS", error.Message);
        Assert.Contains("google-github-actions/auth", error.Message);
        Assert.Contains("workload identity federation", error.Message);
    }

    [Theory]
    [InlineData("""{"type":"service_account_typo","private_key":"x"}""", "service_account_typo")]
    [InlineData("""{"client_email":"a@b"}""", "has no \"type\"")]
    [InlineData("not json {", "is not JSON")]
    [InlineData("""{"type":"impersonated_service_account","source_credential":{}}""", "cannot load")]
    public async Task A_credentials_file_of_an_unsupported_type_or_shape_is_MLOPS3063(string content, string expected)
    {
        await using var google = await GoogleAuthFixture.StartAsync();
        var path = google.Home.File("bad.json");
        File.WriteAllText(path, content);
        google.Environment["GOOGLE_APPLICATION_CREDENTIALS"] = path;

        var error = await Assert.ThrowsAsync<RegistryException>(() => google.Source().GetAccessTokenAsync());

        Assert.Equal(ErrorCodes.Registries.GoogleCredentialsFileInvalid, error.Code);
        Assert.Contains(expected, error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public async Task A_GOOGLE_APPLICATION_CREDENTIALS_that_names_no_file_is_MLOPS3063()
    {
        await using var google = await GoogleAuthFixture.StartAsync();
        google.Environment["GOOGLE_APPLICATION_CREDENTIALS"] = google.Home.File("missing.json");

        var error = await Assert.ThrowsAsync<RegistryException>(() => google.Source().GetAccessTokenAsync());

        Assert.Equal(ErrorCodes.Registries.GoogleCredentialsFileInvalid, error.Code);
        Assert.Contains("does not exist", error.Message);
    }

    private static void AssertNoSecret(GoogleAuthFixture google, Exception error, params string[] more)
    {
        var text = Everything(error);
        Assert.DoesNotContain(GoogleAuthFixture.AccessToken, text);
        Assert.DoesNotContain("PRIVATE KEY", text);
        Assert.DoesNotContain("eyJ", text);
        Assert.DoesNotContain(google.PrivateKeyPem.Split('\n')[1], text);
        foreach (var secret in more)
        {
            Assert.DoesNotContain(secret.Split('\n')[1], text);
        }
    }

    /// <summary>The message of the error and of every inner one: where a secret could leak to a log.</summary>
    private static string Everything(Exception error) =>
        error.InnerException is null ? error.Message + "\n" + error : error.Message + "\n" + Everything(error.InnerException);
}
