using System.Text;
using Mlops.ContractServers.Kfp;
using Mlops.Pipelines;
using Mlops.Pipelines.Compiler;
using Mlops.Registries.Http;
using Mlops.Registries.Kfp;
using Mlops.Restore.Tests.Support;

namespace Mlops.Restore.Tests;

/// <summary>
/// An aggregator reads other teams' pipelines from a remote KFP-format registry (the contract server of Artifact
/// Registry's protocol, generic host form), named by URL or by an environment of the environments file; the lock
/// file pins the version's sha256 and records where it came from.
/// </summary>
public sealed class RemoteRegistryContractTests : IAsyncLifetime, IDisposable
{
    private readonly TestRegistry local = new();
    private readonly TempFolder storage = new("mlops-kfp-");
    private KfpRegistryServer server = null!;

    public async Task InitializeAsync()
    {
        server = new KfpRegistryServer(storage.Path);
        await server.StartAsync();
    }

    [Fact]
    public async Task A_reference_to_a_registry_url_resolves_its_tags_and_the_lock_pins_the_digest_it_served()
    {
        var url = server.RepositoryUrl("acme-dataops", "pipelines");
        var digest = await PublishAsync(url, "1.0.0");

        var result = await local.RestoreAsync(new SubPipelineReference("churn-prediction", "1.*", Registry: url.ToString()));

        Assert.Empty(result.Diagnostics);
        var locked = await File.ReadAllTextAsync(local.LockPath);
        Assert.Contains($"\"digest\": \"{digest}\"", locked);
        Assert.Contains($"\"registry\": \"{url.ToString().TrimEnd('/')}\"", locked);
    }

    [Fact]
    public async Task A_reference_to_an_environment_reads_the_pipelines_registry_the_environments_file_gives()
    {
        var url = server.RepositoryUrl("acme-dataops", "pipelines");
        var digest = await PublishAsync(url, "1.2.0");
        var environments = Path.Combine(local.ProjectFolder, "mlops.environments.json");
        Directory.CreateDirectory(local.ProjectFolder);
        await File.WriteAllTextAsync(environments, $$"""
            {"environments": {"dataops": {"training": true, "registries": {
              "images": "127.0.0.1:5000/components", "pipelines": "{{url}}", "python": "http://127.0.0.1:1/simple-repo/"
            } } } }
            """);

        var result = await SubPipelineRestorer.RestoreAsync(local.Request(new SubPipelineReference("churn-prediction", "1.*", Registry: "dataops"))
            with { EnvironmentsFile = environments });

        Assert.Empty(result.Diagnostics);
        var locked = await File.ReadAllTextAsync(local.LockPath);
        Assert.Contains($"\"digest\": \"{digest}\"", locked);
        Assert.Contains("\"registry\": \"dataops\"", locked);
    }

    private static async Task<ContentDigest> PublishAsync(Uri url, string version)
    {
        var compiled = PipelineCompiler.Compile(new ChurnPrediction(), new CompileOptions { SdkVersion = "test-" + version }).EnsureSuccess();
        using var http = RegistryHttpClient.Create(RetrySettings.Immediate);
        return await new KfpTemplateRegistry(url, http).PushAsync(compiled.Name, Encoding.UTF8.GetBytes(compiled.ToYaml()), [version, "latest"]);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose()
    {
        local.Dispose();
        storage.Dispose();
    }
}
