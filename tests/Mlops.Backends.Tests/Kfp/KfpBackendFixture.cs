using System.Text.Json.Nodes;
using Mlops.Backends.Kfp;
using Mlops.Backends.Schedules;
using Mlops.ContractServers.KfpBackend;
using Mlops.Diagnostics;
using Mlops.Environments;
using Mlops.Registries.Auth;
using Mlops.Registries.Http;

namespace Mlops.Backends.Tests.Kfp;

/// <summary>
/// A <see cref="KfpBackendServer"/> that wants the bearer <see cref="Token"/>, an environment whose kfp runner points
/// at it (pipeline root, Kubernetes service account, a label), and a backend and a scheduler that retry at once.
/// </summary>
internal sealed class KfpBackendFixture : IAsyncDisposable
{
    public const string Token = "kfp-sa-token-for-tests-0123456789";
    public const string PipelineRoot = "gs://acme-dataops/pipeline-root";
    public const string ServiceAccount = "pipeline-runner";

    private KfpBackendFixture()
    {
        Server = new KfpBackendServer(Token);
        Http = RegistryHttpClient.Create(RetrySettings.Immediate);
    }

    public KfpBackendServer Server { get; }

    public HttpClient Http { get; }

    public EnvironmentDefinition Environment => new("dataops", "acme-dataops", "europe-west4", true,
        new EnvironmentRegistries(null, false, null, null, null),
        new EnvironmentRunner(EnvironmentRunner.Kfp, PipelineRoot, ServiceAccount, null, null, Server.Endpoint, new Dictionary<string, string> { ["team"] = "ml-ops" }),
        null, false, null, new SourceLocation("mlops.environments.json", 1));

    public static async Task<KfpBackendFixture> StartAsync()
    {
        var fixture = new KfpBackendFixture();
        await fixture.Server.StartAsync();
        return fixture;
    }

    public KfpPipelineBackend Backend(string token = Token) =>
        new(Environment, Http, new FixedToken(token)) { Retries = RetrySettings.Immediate };

    public KfpScheduler Scheduler() => new(Environment, Http, new FixedToken(Token)) { Retries = RetrySettings.Immediate };

    public static byte[] GreetingIr => Ir.Of(new GreetingPipeline());

    public static byte[] FailingIr => Ir.Of(new FailingPipeline());

    public static PipelineRunRequest Request(string pipeline, byte[] ir, string name = "ada") =>
        new(pipeline, ir, new Dictionary<string, string> { ["name"] = name })
        {
            TemplateDigest = ContentDigest.Compute(ir).ToString(),
            TemplateUri = $"https://europe-west4-kfp.pkg.dev/acme-dataops/pipelines/{pipeline}/{ContentDigest.Compute(ir)}",
            ParameterValues = pipeline == "greeting" ? new JsonObject { ["name"] = name } : [],
            Labels = new Dictionary<string, string> { ["mlops-source-commit"] = "0a1b2c3" },
        };

    public static PipelineScheduleSpec Schedule(string displayName, string cron = "30 6 * * 1", string name = "ada") =>
        new(displayName, cron, Request("greeting", GreetingIr, name));

    /// <summary>Reads the run until it ended, as a caller that follows it does (the server moves it on each read).</summary>
    public static async Task<PipelineRunStatus> FollowAsync(KfpPipelineBackend backend, string runId)
    {
        for (var reads = 0; reads < 10; reads++)
        {
            var status = await backend.GetAsync(runId) ?? throw new InvalidOperationException($"run {runId} vanished");
            if (status.HasEnded)
            {
                return status;
            }
        }
        throw new InvalidOperationException($"run {runId} did not end within 10 reads");
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Http.Dispose();
    }

    private sealed class FixedToken(string token) : IAccessTokenSource
    {
        public string Description => "the test's service account token";

        public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken = default) => Task.FromResult(token);
    }
}
