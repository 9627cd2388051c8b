using System.Text;
using Mlops.ContractServers;
using Mlops.ContractServers.Kfp;
using Mlops.Registries.Auth;
using Mlops.Registries.Http;
using Mlops.Registries.Kfp;
using Mlops.Registries.Tests.Python;

namespace Mlops.Registries.Tests.Kfp;

/// <summary>
/// A <see cref="KfpRegistryServer"/> that takes a user and password and an access token, and clients of both forms:
/// the generic form at <c>http://127.0.0.1:PORT/acme/pipelines</c> (Basic), Artifact Registry's at
/// <c>https://europe-west4-kfp.pkg.dev/acme/pipelines</c> served by the same server (Bearer).
/// </summary>
internal sealed class KfpRegistryFixture : IAsyncDisposable
{
    public const string User = "publisher";
    public const string Password = "kfp-Pa55word-for-tests";
    public const string AccessToken = "ya29.kfp-test-access-token";
    public const string Generic = "generic";
    public const string ArtifactRegistry = "artifact-registry";
    public static readonly Uri ArtifactRegistryUrl = new("https://europe-west4-kfp.pkg.dev/acme/pipelines");

    private KfpRegistryFixture(TempFolder storage)
    {
        Storage = storage;
        Server = new KfpRegistryServer(storage.Path, User, Password, [AccessToken]);
        Http = RegistryHttpClient.Create(RetrySettings.Immediate);
    }

    public TempFolder Storage { get; }

    public KfpRegistryServer Server { get; }

    public HttpClient Http { get; }

    public static async Task<KfpRegistryFixture> StartAsync(TempFolder? storage = null)
    {
        var fixture = new KfpRegistryFixture(storage ?? new TempFolder("mlops-kfp-"));
        await fixture.Server.StartAsync();
        return fixture;
    }

    public KfpTemplateRegistry Client(string form, string? secret = null, int pageSize = KfpTemplateRegistry.PageSize) => form switch
    {
        Generic => new KfpTemplateRegistry(Server.RepositoryUrl("acme", "pipelines"), Http,
            new FixedCredentialProvider(Server.BaseUri.Authority, RegistryCredential.Basic(User, secret ?? Password, "test config")))
        { ListPageSize = pageSize },
        ArtifactRegistry => new KfpTemplateRegistry(ArtifactRegistryUrl, Http,
            new FixedCredentialProvider(ArtifactRegistryUrl.Authority, RegistryCredential.Bearer(secret ?? AccessToken, "application default credentials")),
            apiOverride: Server.BaseUri)
        { ListPageSize = pageSize },
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, null),
    };

    /// <summary>The uploads the server received (POST to the repository itself).</summary>
    public IEnumerable<RecordedRequest> Uploads => Server.Requests.Where(r => r.Method == "POST" && r.PathAndQuery.TrimEnd('/') == "/acme/pipelines");

    public IEnumerable<RecordedRequest> TagWrites => Server.Requests.Where(r => r.PathAndQuery.Contains("/tags", StringComparison.Ordinal) && r.Method is "POST" or "PATCH");

    /// <summary>A small IR named <paramref name="name"/>; <paramref name="variant"/> makes other bytes of the same pipeline.</summary>
    public static byte[] Ir(string name, string variant = "a") => Encoding.UTF8.GetBytes(
        $"""
        # PIPELINE DEFINITION
        # Name: {name}
        components:
          comp-step:
            executorLabel: exec-step
        deploymentSpec:
          executors:
            exec-step:
              container:
                image: python:3.12
                command: [echo, "{variant}"]
        pipelineInfo:
          name: {name}
        root:
          dag:
            tasks:
              step:
                componentRef:
                  name: comp-step
                taskInfo:
                  name: step
        schemaVersion: 2.1.0
        sdkVersion: kfp-2.7.0

        """);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Http.Dispose();
        Storage.Dispose();
    }
}
