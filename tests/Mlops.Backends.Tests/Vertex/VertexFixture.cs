using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Mlops.Backends.Vertex;
using Mlops.ContractServers.Google;
using Mlops.ContractServers.Vertex;
using Mlops.Environments;
using Mlops.Registries.Auth.Google;
using Mlops.Registries.Http;
using Mlops.Testing;

namespace Mlops.Backends.Tests.Vertex;

/// <summary>
/// The loopback "google" token server with a service account whose key file (token_uri pointed at it) the real
/// <see cref="GoogleAccessTokenSource"/> reads through GOOGLE_APPLICATION_CREDENTIALS, and the loopback "vertex" server,
/// which accepts the access token the token server issues; a <c>dataops</c> environment whose runner's endpoint is it.
/// </summary>
internal sealed class VertexFixture : IAsyncDisposable
{
    public const string AccessToken = "ya29.vertex-contract-test-access-token";
    public const string ServiceAccount = "publisher@acme-dataops.iam.gserviceaccount.com";
    public const string RunAs = "pipelines@acme-dataops.iam.gserviceaccount.com";
    public const string Project = "acme-dataops";
    public const string Region = "europe-west4";
    public const string PipelineRoot = "gs://acme-dataops-pipelines/root";
    public const string Network = "projects/123456789/global/networks/ml";
    public const string KmsKey = "projects/acme-dataops/locations/europe-west4/keyRings/ml/cryptoKeys/pipelines";

    private readonly RSA key = RSA.Create(2048);
    private readonly Dictionary<string, string> environment = [];

    private VertexFixture()
    {
        Google = new GoogleTokenServer(AccessToken);
        Google.AddServiceAccount(ServiceAccount, key);
        Server = new VertexServer(Storage.Path, [AccessToken]);
    }

    public TempFolder Storage { get; } = new("mlops-vertex-");

    public TempFolder Home { get; } = new("mlops-vertex-home-");

    public GoogleTokenServer Google { get; }

    public VertexServer Server { get; }

    public static async Task<VertexFixture> StartAsync()
    {
        var fixture = new VertexFixture();
        await fixture.Google.StartAsync();
        await fixture.Server.StartAsync();
        var credentials = fixture.Home.File("service-account.json");
        File.WriteAllText(credentials, new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = Project,
            ["private_key_id"] = "0123456789abcdef",
            ["private_key"] = fixture.key.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = ServiceAccount,
            ["client_id"] = "100000000000000000001",
            ["token_uri"] = fixture.Google.TokenUrl.ToString(),
        }.ToJsonString());
        fixture.environment["GOOGLE_APPLICATION_CREDENTIALS"] = credentials;
        return fixture;
    }

    public GoogleAccessTokenSource Tokens() =>
        new(null, name => environment.GetValueOrDefault(name), Home.Path, new LoopbackOnlyHttpClientFactory(), _ => Task.FromResult(false));

    public EnvironmentDefinition Environment(string? pipelineRoot = PipelineRoot) => new(
        "dataops", Project, Region, Training: true,
        new EnvironmentRegistries(null, false, null, null, null),
        new EnvironmentRunner(EnvironmentRunner.Vertex, pipelineRoot, RunAs, Network, KmsKey, Server.BaseUri,
            new Dictionary<string, string> { ["team"] = "search", ["env"] = "dataops" }),
        PromotesFrom: null, RequiresApproval: false, Impersonate: null, new Mlops.Diagnostics.SourceLocation("mlops.environments.json", 1));

    public VertexPipelineBackend Backend(string? pipelineRoot = PipelineRoot) => new(Environment(pipelineRoot), Tokens(), retries: RetrySettings.Immediate);

    public VertexScheduler Scheduler() => new(Environment(), Tokens(), retries: RetrySettings.Immediate);

    /// <summary>A run of <see cref="Ir"/> by its template URI pinned by version, with typed parameters.</summary>
    public static PipelineRunRequest Run(string? runId = "training-run-1", JsonObject? parameters = null, string? templateUri = null)
    {
        var ir = Ir();
        var digest = ContentDigest.Compute(ir).ToString();
        return new PipelineRunRequest("training", ir, new Dictionary<string, string> { ["epochs"] = "3" })
        {
            Source = "training.yaml",
            TemplateUri = templateUri ?? $"https://{Region}-kfp.pkg.dev/{Project}/pipelines/training/{digest}",
            TemplateDigest = templateUri is null ? digest : null,
            ParameterValues = parameters ?? new JsonObject { ["epochs"] = 3, ["dataset"] = "gs://acme-data/churn.csv" },
            RunId = runId,
            Labels = new Dictionary<string, string> { ["mlops-version"] = "1-4-2", ["mlops-source-commit"] = "0123abc" },
        };
    }

    /// <summary>A training pipeline: prepare → train (train's model is the pipeline's output), two typed inputs.</summary>
    public static byte[] Ir() => Encoding.UTF8.GetBytes(
        """
        # PIPELINE DEFINITION
        # Name: training
        components:
          comp-prepare:
            executorLabel: exec-prepare
            outputDefinitions:
              artifacts:
                dataset:
                  artifactType:
                    schemaTitle: system.Dataset
                    schemaVersion: 0.0.1
          comp-train:
            executorLabel: exec-train
            inputDefinitions:
              artifacts:
                dataset:
                  artifactType:
                    schemaTitle: system.Dataset
                    schemaVersion: 0.0.1
              parameters:
                epochs:
                  parameterType: NUMBER_INTEGER
            outputDefinitions:
              artifacts:
                model:
                  artifactType:
                    schemaTitle: system.Model
                    schemaVersion: 0.0.1
        deploymentSpec:
          executors:
            exec-prepare:
              container:
                image: europe-west4-docker.pkg.dev/acme-dataops/images/prepare@sha256:1111111111111111111111111111111111111111111111111111111111111111
                command: [python, prepare.py]
            exec-train:
              container:
                image: europe-west4-docker.pkg.dev/acme-dataops/images/train@sha256:2222222222222222222222222222222222222222222222222222222222222222
                command: [python, train.py]
        pipelineInfo:
          name: training
        root:
          dag:
            outputs:
              artifacts:
                model:
                  artifactSelectors:
                  - outputArtifactKey: model
                    producerSubtask: train
            tasks:
              prepare:
                componentRef:
                  name: comp-prepare
                taskInfo:
                  name: prepare
              train:
                componentRef:
                  name: comp-train
                dependentTasks:
                - prepare
                inputs:
                  artifacts:
                    dataset:
                      taskOutputArtifact:
                        outputArtifactKey: dataset
                        producerTask: prepare
                  parameters:
                    epochs:
                      componentInputParameter: epochs
                taskInfo:
                  name: train
          inputDefinitions:
            parameters:
              dataset:
                parameterType: STRING
              epochs:
                parameterType: NUMBER_INTEGER
          outputDefinitions:
            artifacts:
              model:
                artifactType:
                  schemaTitle: system.Model
                  schemaVersion: 0.0.1
        schemaVersion: 2.1.0
        sdkVersion: kfp-2.7.0

        """);

    /// <summary>Reads the run until it ended (a bounded number of polls; the server moves a step per read).</summary>
    public static async Task<List<PipelineRunStatus>> FollowAsync(VertexPipelineBackend backend, string runId, int polls = 20)
    {
        var seen = new List<PipelineRunStatus>();
        for (var i = 0; i < polls; i++)
        {
            var status = await backend.GetAsync(runId) ?? throw new InvalidOperationException($"{runId} vanished");
            seen.Add(status);
            if (status.HasEnded)
            {
                return seen;
            }
        }
        throw new InvalidOperationException($"{runId} did not end in {polls} polls: {seen[^1].State}");
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Google.DisposeAsync();
        key.Dispose();
        Storage.Dispose();
        Home.Dispose();
    }
}
