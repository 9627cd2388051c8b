using Mlops.Sdk.Tests.Support;
using Xunit.Abstractions;
using System.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Mlops.ContractServers.Google;
using Mlops.ContractServers.Kfp;
using Mlops.ContractServers.Storage;
using Mlops.ContractServers.Vertex;
using Mlops.ContractServers.KfpBackend;
using Mlops.ContractServers.Python;
using Mlops.Registries.Http;
using Mlops.Registries.Kfp;

namespace Mlops.Sdk.Tool.Tests.Support;

/// <summary>
/// Environments of an environments file: dataops (training) and prod, whose pipelines run on a Kubeflow Pipelines
/// backend, and vertexops (training), whose pipelines run on Vertex AI Pipelines with their artifacts in Cloud Storage,
/// reached with a service account's key (GOOGLE_APPLICATION_CREDENTIALS, its token_uri the loopback token server) and
/// STORAGE_EMULATOR_HOST; and kfpops (training), on the KFP backend with its pipeline root in that Cloud Storage, where
/// succeeded runs write their artifacts. Their KFP-format registry, Python registry, KFP backend, Vertex, token endpoint and Cloud
/// Storage are contract servers on loopback; their image registry (only its release ledger is read) is the test
/// services' Docker distribution registry. The Google variables are set while the fixture lives (the tool's tests run
/// one at a time).
/// </summary>
internal sealed class RemoteEnvironments : IAsyncDisposable
{
    public const string AccessToken = "ya29.tool-contract-test-access-token";
    public const string ServiceAccount = "publisher@acme-dataops.iam.gserviceaccount.com";

    private readonly TempFolder folder = new();
    private readonly RSA key = RSA.Create(2048);
    private readonly Dictionary<string, string?> previous = [];

    private RemoteEnvironments(string imageRegistry)
    {
        Templates = new KfpRegistryServer(folder.File("kfp"));
        Python = new PythonRegistryServer(folder.File("pypi"), null, null, "/acme/models/");
        Backend = new KfpBackendServer();
        Google = new GoogleTokenServer(AccessToken);
        Google.AddServiceAccount(ServiceAccount, key);
        Vertex = new VertexServer(folder.File("google"), [AccessToken]);
        Storage = new CloudStorageServer(folder.File("google"), [AccessToken]);
        Backend.WriteArtifactsTo(Storage, (task, key) => Encoding.UTF8.GetBytes($"the {key} artifact of task {task}"));
        ImageRegistry = imageRegistry;
    }

    public GoogleTokenServer Google { get; }

    /// <summary>A line from the middle of the service account's private key (PEM), to search for.</summary>
    public string PrivateKeyBody => key.ExportPkcs8PrivateKeyPem().Split('\n')[5];

    public VertexServer Vertex { get; }

    public CloudStorageServer Storage { get; }

    public KfpRegistryServer Templates { get; }

    public PythonRegistryServer Python { get; }

    public KfpBackendServer Backend { get; }

    public string ImageRegistry { get; }

    public string EnvironmentsFile => folder.File("mlops.environments.json");

    public string Pipelines => folder.File("bin", "pipelines");

    public static async Task<RemoteEnvironments?> StartAsync(ITestOutputHelper output)
    {
        if (Mlops.Testing.TestServices.Require(output) is not { } services)
        {
            return null;
        }
        var environments = new RemoteEnvironments(services.Registry);
        await environments.Templates.StartAsync();
        await environments.Python.StartAsync();
        await environments.Backend.StartAsync();
        await environments.Google.StartAsync();
        await environments.Vertex.StartAsync();
        await environments.Storage.StartAsync();
        environments.WriteEnvironmentsFile();
        environments.UseGoogleCredentials();
        return environments;
    }

    public Uri PipelinesUrl(string environment) => Templates.RepositoryUrl("acme-" + environment, "pipelines");

    private void UseGoogleCredentials()
    {
        var credentials = folder.File("service-account.json");
        System.IO.File.WriteAllText(credentials, new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = "acme-dataops",
            ["private_key_id"] = "0123456789abcdef",
            ["private_key"] = key.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = ServiceAccount,
            ["client_id"] = "100000000000000000001",
            ["token_uri"] = Google.TokenUrl.ToString(),
        }.ToJsonString());
        Set("GOOGLE_APPLICATION_CREDENTIALS", credentials);
        Set("STORAGE_EMULATOR_HOST", Storage.BaseUri.Authority);
    }

    private void Set(string name, string value)
    {
        previous[name] = System.Environment.GetEnvironmentVariable(name);
        System.Environment.SetEnvironmentVariable(name, value);
    }

    private void WriteEnvironmentsFile()
    {
        var run = $"t{Guid.NewGuid():N}"[..9];
        string Environment(string name, bool training, string? promotesFrom, string? runner = null) => $$"""
                "{{name}}": {
                  "project": "acme-{{name}}", "region": "europe-west4",
                  "training": {{(training ? "true" : "false")}},{{(promotesFrom is null ? "" : $"\n      \"promotesFrom\": \"{promotesFrom}\",")}}
                  "registries": {
                    "images": "http://{{ImageRegistry}}/{{run}}/{{name}}",
                    "pipelines": "{{PipelinesUrl(name)}}",
                    "python": "{{Python.RepositoryUrl}}"
                  },
                  "runner": {{runner ?? $$"""{ "kind": "kfp", "endpoint": "{{Backend.BaseUri}}", "pipelineRoot": "s3://acme-{{name}}/root" }"""}}
                }
            """;
        System.IO.File.WriteAllText(EnvironmentsFile, $$"""
            {
              "environments": {
            {{Environment("dataops", true, null)}},
            {{Environment("prod", false, "dataops")}},
            {{Environment("vertexops", true, null, $$"""{ "kind": "vertex", "endpoint": "{{Vertex.BaseUri}}", "pipelineRoot": "gs://acme-vertexops/root" }""")}},
            {{Environment("kfpops", true, null, $$"""{ "kind": "kfp", "endpoint": "{{Backend.BaseUri}}", "pipelineRoot": "gs://acme-kfpops/root" }""")}}
              }
            }
            """);
    }

    /// <summary>Publishes the team's pipelines to <paramref name="environment"/>'s KFP-format registry, tagged <paramref name="version"/>, as publish would.</summary>
    public async Task<IReadOnlyDictionary<string, string>> PublishAsync(string environment, string version, string build = "build-1")
    {
        Directory.CreateDirectory(Pipelines);
        var registry = new KfpTemplateRegistry(PipelinesUrl(environment), RegistryHttpClient.Create(RetrySettings.Immediate));
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pipeline in new Mlops.Pipelines.Pipeline[] { new TeamTraining(), new TeamReport() })
        {
            var compiled = Mlops.Pipelines.Compiler.PipelineCompiler.Compile(pipeline, new() { SdkVersion = "test-" + build }).EnsureSuccess();
            var yaml = compiled.ToYaml();
            System.IO.File.WriteAllText(Path.Combine(Pipelines, compiled.Name + ".yaml"), yaml);
            digests[compiled.Name] = (await registry.PushAsync(compiled.Name, Encoding.UTF8.GetBytes(yaml), [version, "latest"])).ToString();
        }
        return digests;
    }

    public string[] Submit(string pipeline, string environment, params string[] more) =>
        ["submit", pipeline, "-e", environment, "--environments-file", EnvironmentsFile, "--version", "1.0.0", "--package-id", "Team.Model",
            "--poll-seconds", "0.05", .. more];

    public async ValueTask DisposeAsync()
    {
        foreach (var (name, value) in previous)
        {
            System.Environment.SetEnvironmentVariable(name, value);
        }
        await Storage.DisposeAsync();
        await Vertex.DisposeAsync();
        await Google.DisposeAsync();
        await Backend.DisposeAsync();
        await Python.DisposeAsync();
        await Templates.DisposeAsync();
        folder.Dispose();
    }
}
