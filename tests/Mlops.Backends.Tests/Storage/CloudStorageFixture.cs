using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Mlops.Backends.Storage;
using Mlops.ContractServers.Google;
using Mlops.ContractServers.Storage;
using Mlops.Registries.Auth.Google;
using Mlops.Testing;

namespace Mlops.Backends.Tests.Storage;

/// <summary>
/// The loopback "google" token server with a service account it knows, the loopback "gcs" server accepting the
/// tokens it issues, and a <see cref="GcsArtifactStore"/> over the real Google.Cloud.Storage.V1 and Google.Apis.Auth
/// (service account key file → POST /token → Bearer) pointed at them, retrying without waiting.
/// </summary>
internal sealed class CloudStorageFixture : IAsyncDisposable
{
    public const string AccessToken = "ya29.gcs-contract-test-access-token";
    public const string ServiceAccount = "trainer@acme-dataops.iam.gserviceaccount.com";
    public const string Bucket = "acme-dataops-pipelines";

    private readonly RSA key = RSA.Create(2048);
    private readonly Dictionary<string, string> environment = [];

    private CloudStorageFixture()
    {
        Google = new GoogleTokenServer(AccessToken);
        Google.AddServiceAccount(ServiceAccount, key);
        Gcs = new CloudStorageServer(Folder.File("storage"), [AccessToken]);
    }

    public TempFolder Folder { get; } = new("mlops-gcs-");

    public GoogleTokenServer Google { get; }

    public CloudStorageServer Gcs { get; }

    public LoopbackOnlyHttpClientFactory Http { get; } = new();

    public string Downloads => Folder.File("downloads");

    public static async Task<CloudStorageFixture> StartAsync()
    {
        var fixture = new CloudStorageFixture();
        await fixture.Google.StartAsync();
        await fixture.Gcs.StartAsync();
        var credentials = fixture.Folder.File("service-account.json");
        File.WriteAllText(credentials, new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = "acme-dataops",
            ["private_key_id"] = "0123456789abcdef",
            ["private_key"] = fixture.key.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = ServiceAccount,
            ["client_id"] = "100000000000000000002",
            ["token_uri"] = fixture.Google.TokenUrl.ToString(),
        }.ToJsonString());
        fixture.environment["GOOGLE_APPLICATION_CREDENTIALS"] = credentials;
        return fixture;
    }

    public GcsArtifactStore Store(int attempts = 6) => new(
        new GoogleAccessTokenSource(null, name => environment.GetValueOrDefault(name), Folder.Path, Http, _ => Task.FromResult(false)),
        new GcsArtifactStoreOptions { BaseUri = Gcs.ApiUri, HttpClientFactory = Http, Attempts = attempts, Backoff = _ => TimeSpan.Zero });

    /// <summary>A model of <paramref name="size"/> bytes that are not all alike, stored as <paramref name="name"/>.</summary>
    public (string Uri, byte[] Bytes) PutModel(string name, int size = 300_000)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        return (Gcs.Put(Bucket, name, bytes), bytes);
    }

    public async ValueTask DisposeAsync()
    {
        await Gcs.DisposeAsync();
        await Google.DisposeAsync();
        key.Dispose();
        Folder.Dispose();
    }
}
