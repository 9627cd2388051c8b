using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Mlops.ContractServers.Google;
using Mlops.Registries.Auth.Google;

namespace Mlops.Registries.Tests.Google;

/// <summary>
/// A loopback <see cref="GoogleTokenServer"/>, a service account with a freshly generated RSA key that it knows, the
/// credential files Google's tools write (pointed at it), and token sources over the real Google.Apis.Auth with an
/// environment of the test's own.
/// </summary>
internal sealed class GoogleAuthFixture : IAsyncDisposable
{
    public const string AccessToken = "ya29.google-contract-test-access-token";
    public const string ServiceAccount = "publisher@acme-dataops.iam.gserviceaccount.com";
    public const string Target = "deployer@acme-prod.iam.gserviceaccount.com";
    public const string RefreshToken = "1//refresh-token-of-a-test-user";
    public const string ClientSecret = "test-client-secret-value";

    private GoogleAuthFixture()
    {
        Server = new GoogleTokenServer(AccessToken);
        Server.AddServiceAccount(ServiceAccount, Key);
    }

    public GoogleTokenServer Server { get; }

    public RSA Key { get; } = RSA.Create(2048);

    public string PrivateKeyPem => Key.ExportPkcs8PrivateKeyPem();

    public TempFolder Home { get; } = new("mlops-gauth-home-");

    public Dictionary<string, string> Environment { get; } = [];

    public LoopbackGoogleHttpClientFactory Http { get; private set; } = null!;

    public static async Task<GoogleAuthFixture> StartAsync()
    {
        var fixture = new GoogleAuthFixture();
        await fixture.Server.StartAsync();
        fixture.Http = new LoopbackGoogleHttpClientFactory(fixture.Server.BaseUri);
        return fixture;
    }

    public GoogleAccessTokenSource Source(string? impersonate = null) =>
        new(impersonate, name => Environment.GetValueOrDefault(name), Home.Path, Http, _ => Task.FromResult(false));

    public JsonObject ServiceAccountJson(string? privateKeyPem = null) => new()
    {
        ["type"] = "service_account",
        ["project_id"] = "acme-dataops",
        ["private_key_id"] = "0123456789abcdef",
        ["private_key"] = privateKeyPem ?? PrivateKeyPem,
        ["client_email"] = ServiceAccount,
        ["client_id"] = "100000000000000000001",
        ["token_uri"] = Server.TokenUrl.ToString(),
    };

    public JsonObject AuthorizedUserJson() => new()
    {
        ["type"] = "authorized_user",
        ["client_id"] = "764086051850-test.apps.googleusercontent.com",
        ["client_secret"] = ClientSecret,
        ["refresh_token"] = RefreshToken,
    };

    /// <summary>What <c>gcloud auth application-default login --impersonate-service-account</c> writes.</summary>
    public JsonObject ImpersonatedJson() => new()
    {
        ["type"] = "impersonated_service_account",
        ["service_account_impersonation_url"] = Server.ImpersonationUrl(Target).ToString(),
        ["delegates"] = new JsonArray(),
        ["source_credentials"] = ServiceAccountJson(),
    };

    /// <summary>What google-github-actions/auth writes for workload identity federation with a service account.</summary>
    public JsonObject ExternalAccountJson(string subjectTokenFile) => new()
    {
        ["type"] = "external_account",
        ["audience"] = "//iam.googleapis.com/projects/123456/locations/global/workloadIdentityPools/github/providers/acme",
        ["subject_token_type"] = "urn:ietf:params:oauth:token-type:jwt",
        ["token_url"] = Server.TokenUrl.ToString(),
        ["service_account_impersonation_url"] = Server.ImpersonationUrl(ServiceAccount).ToString(),
        ["credential_source"] = new JsonObject { ["file"] = subjectTokenFile },
    };

    /// <summary>Writes <paramref name="json"/> and points GOOGLE_APPLICATION_CREDENTIALS at it.</summary>
    public string UseCredentialsFile(JsonNode json)
    {
        var path = Home.File("credentials.json");
        File.WriteAllText(path, json.ToJsonString());
        Environment["GOOGLE_APPLICATION_CREDENTIALS"] = path;
        return path;
    }

    /// <summary>Where gcloud's application-default login writes, under the fixture's home.</summary>
    public string WriteGcloudApplicationDefault(JsonNode json)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Home.Path, ".config", "gcloud")).FullName;
        var path = Path.Combine(folder, "application_default_credentials.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Key.Dispose();
        Home.Dispose();
    }
}
