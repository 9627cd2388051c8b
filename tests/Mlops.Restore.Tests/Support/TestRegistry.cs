using System.Text;
using Mlops.Pipelines;
using Mlops.Pipelines.Compiler;
using Mlops.Registries;
using Mlops.Registries.Local;

namespace Mlops.Restore.Tests.Support;

/// <summary>
/// A temporary MLOps home whose built-in local registry (HOME/registries/kfp) holds published pipelines, and a project
/// folder next to it; restores count how often they open a registry.
/// </summary>
public sealed class TestRegistry : IDisposable
{
    private readonly TempFolder folder = new();

    public TestRegistry()
    {
        Directory.CreateDirectory(ProjectFolder);
    }

    public string Home => folder.File("home");

    public string ProjectFolder => folder.File("project");

    public string ProjectPath => Path.Combine(ProjectFolder, "Aggregator.csproj");

    public string LockPath => Path.Combine(ProjectFolder, "mlops.lock.json");

    public string Output => Path.Combine(ProjectFolder, "obj", "mlops", "subpipelines");

    public string CacheFolder => Path.Combine(Home, "cache", "ir");

    public LocalPipelineTemplateRegistry Templates => new LocalRegistries(Path.Combine(Home, "registries")).PipelineTemplates;

    public int Opened { get; private set; }

    /// <summary>Compiles <typeparamref name="T"/> (each version with its own sdkVersion, so its own bytes) and publishes it under <paramref name="tags"/>.</summary>
    public async Task<(byte[] Ir, ContentDigest Digest)> PublishAsync<T>(params string[] tags) where T : Pipeline
    {
        var pipeline = (Pipeline)Activator.CreateInstance(typeof(T))!;
        var compiled = PipelineCompiler.Compile(pipeline, new CompileOptions { SdkVersion = "test-" + tags[0] }).EnsureSuccess();
        var bytes = Encoding.UTF8.GetBytes(compiled.ToYaml());
        var digest = await Templates.PushAsync(compiled.Name, bytes, tags);
        return (bytes, digest);
    }

    public async Task<ContentDigest> PublishBytesAsync(string package, byte[] bytes, params string[] tags) => await Templates.PushAsync(package, bytes, tags);

    public RestoreRequest Request(params SubPipelineReference[] references) => new()
    {
        ProjectPath = ProjectPath,
        OutputDirectory = Output,
        Namespace = "Aggregator.SubPipelines",
        References = references,
        Home = Home,
        OpenRegistry = source =>
        {
            Opened++;
            return source.Open();
        },
    };

    public Task<RestoreResult> RestoreAsync(params SubPipelineReference[] references) => SubPipelineRestorer.RestoreAsync(Request(references));

    public void Dispose() => folder.Dispose();
}
