using Mlops.Sdk.Tests.Support;
using Xunit.Abstractions;
using System.Text;
using Mlops.ContractServers.Kfp;
using Mlops.ContractServers.KfpBackend;
using Mlops.ContractServers.Python;
using Mlops.Registries.Http;
using Mlops.Registries.Kfp;

namespace Mlops.Sdk.Tool.Tests.Support;

/// <summary>
/// Two environments of an environments file whose pipelines run on a Kubeflow Pipelines backend: dataops (training)
/// and prod. Their KFP-format registry, Python registry and KFP backend are contract servers on loopback; their image
/// registry (only its release ledger is read) is the test services' Docker distribution registry.
/// </summary>
internal sealed class RemoteEnvironments : IAsyncDisposable
{
    private readonly TempFolder folder = new();

    private RemoteEnvironments(string imageRegistry)
    {
        Templates = new KfpRegistryServer(folder.File("kfp"));
        Python = new PythonRegistryServer(folder.File("pypi"), null, null, "/acme/models/");
        Backend = new KfpBackendServer();
        ImageRegistry = imageRegistry;
    }

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
        environments.WriteEnvironmentsFile();
        return environments;
    }

    public Uri PipelinesUrl(string environment) => Templates.RepositoryUrl("acme-" + environment, "pipelines");

    private void WriteEnvironmentsFile()
    {
        var run = $"t{Guid.NewGuid():N}"[..9];
        string Environment(string name, bool training, string? promotesFrom) => $$"""
                "{{name}}": {
                  "training": {{(training ? "true" : "false")}},{{(promotesFrom is null ? "" : $"\n      \"promotesFrom\": \"{promotesFrom}\",")}}
                  "registries": {
                    "images": "http://{{ImageRegistry}}/{{run}}/{{name}}",
                    "pipelines": "{{PipelinesUrl(name)}}",
                    "python": "{{Python.RepositoryUrl}}"
                  },
                  "runner": { "kind": "kfp", "endpoint": "{{Backend.BaseUri}}", "pipelineRoot": "s3://acme-{{name}}/root" }
                }
            """;
        System.IO.File.WriteAllText(EnvironmentsFile, $$"""
            {
              "environments": {
            {{Environment("dataops", true, null)}},
            {{Environment("prod", false, "dataops")}}
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
        await Backend.DisposeAsync();
        await Python.DisposeAsync();
        await Templates.DisposeAsync();
        folder.Dispose();
    }
}
