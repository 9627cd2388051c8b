using Mlops.Pipelines;
using Mlops.Pipelines.Compiler;
using Mlops.Runner.Store;
using Mlops.Sdk.Tests.Support;

namespace Mlops.Sdk.Tool.Tests.Support;

/// <summary>
/// What the SDK's targets hand the tool after a build: a folder of compiled pipelines, a component folder, a work
/// folder, and the MLOps home (HOME/registries is the local environment).
/// </summary>
internal sealed class TeamProject : IDisposable
{
    private readonly TempFolder folder = new();

    public TeamProject()
    {
        Emit("build-1");
        folder.Write("components/prepare/prepare.py", "print('prepare')\n");
    }

    public string Home => folder.File("home");

    public string Registries => Path.Combine(Home, "registries");

    public string Pipelines => folder.File("bin", "pipelines");

    public string Component => folder.File("components", "prepare");

    public string Work => folder.File("obj", "mlops-publish");

    public string File(params string[] parts) => folder.File(parts);

    public string Write(string relativePath, string text) => folder.Write(relativePath, text);

    /// <summary>Compiles the team's pipelines into <see cref="Pipelines"/>; another <paramref name="build"/> gives other bytes.</summary>
    public void Emit(string build)
    {
        Directory.CreateDirectory(Pipelines);
        foreach (var pipeline in new Pipeline[] { new TeamTraining(), new TeamReport() })
        {
            var compiled = PipelineCompiler.Compile(pipeline, new CompileOptions { SdkVersion = "test-" + build }).EnsureSuccess();
            System.IO.File.WriteAllText(Path.Combine(Pipelines, compiled.Name + ".yaml"), compiled.ToYaml());
        }
    }

    /// <summary>Records a succeeded run of team-training in the home's run store, as the local runner does, whose model output (the IR's name of Model) holds <paramref name="model"/>.</summary>
    public (string RunId, string ModelPath) RecordTrainingRun(string model)
    {
        var store = new RunStore(MlopsHome.At(Home));
        var runId = RunStore.NewRunId();
        var modelPath = Path.Combine(store.RunFolder("team-training", runId), "artifacts", "train", "model", "model.pkl");
        Directory.CreateDirectory(Path.GetDirectoryName(modelPath)!);
        System.IO.File.WriteAllText(modelPath, model);
        store.Save(new RunRecord
        {
            Id = runId,
            Pipeline = "team-training",
            PipelineFile = Path.Combine(Pipelines, "team-training.yaml"),
            Executor = "process",
            State = RunState.Succeeded,
            Started = DateTimeOffset.UtcNow.AddMinutes(-1),
            Ended = DateTimeOffset.UtcNow,
            OutputArtifacts = new Dictionary<string, string> { ["model"] = modelPath },
        });
        return (runId, modelPath);
    }

    /// <summary>The --component value the targets pass for the component folder (as RunSdkTool formats it).</summary>
    public string ComponentArgument => $"name=prepare&image={Uri.EscapeDataString("localhost/team/prepare:1.0.0")}&folder={Uri.EscapeDataString(Component)}";

    public string[] Publish(string environment = "local", string version = "1.0.0", params string[] more) =>
    [
        "publish", "--environment", environment, "--version", version, "--pipelines", Pipelines, "--package-id", "Team.Model",
        "--work", Work, "--home", Home, "--component", ComponentArgument, .. more,
    ];

    /// <summary>Every file under HOME/registries with its content, to compare before and after.</summary>
    public IReadOnlyDictionary<string, string> RegistryFiles() =>
        !Directory.Exists(Registries) ? new Dictionary<string, string>()
        : Directory.GetFiles(Registries, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != ".lock")
            .ToDictionary(f => Path.GetRelativePath(Registries, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.IO.File.ReadAllBytes(f))));

    public void Dispose() => folder.Dispose();
}
