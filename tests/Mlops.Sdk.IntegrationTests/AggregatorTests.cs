using System.Text;
using System.Text.RegularExpressions;
using Mlops.Pipelines;
using Mlops.Pipelines.Compiler;
using Mlops.Pipelines.Ir;
using Mlops.Registries;
using Mlops.Sdk.IntegrationTests.Infrastructure;

namespace Mlops.Sdk.IntegrationTests;

/// <summary>
/// An aggregator project (&lt;Project Sdk="Mlops.Sdk"&gt; with two &lt;SubPipelineReference&gt; items) built with the packed SDK:
/// restore pins both sub-pipelines in mlops.lock.json, the generated wrappers compile, the emitted IR inlines both as
/// nested DAGs; a second build uses the lock file without any registry; locked mode refuses a changed reference;
/// a wrong wiring is a C# type error at its line.
/// </summary>
public sealed class AggregatorTests(ITestOutputHelper output)
{
    private const string Project = "CustomerScoring";

    [Fact]
    public async Task An_aggregator_restores_locks_composes_and_type_checks_its_sub_pipelines()
    {
        PackedPackages.EnsureFresh();
        var root = TestRun.NewDirectory("aggregator");
        var home = Path.Combine(root, "mlops-home");
        var teamRegistries = Path.Combine(root, "team-registries");
        var churnPinned = await Publish<ChurnPrediction>(new LocalRegistries(Path.Combine(home, "registries")), "1.4.0", "1.4.2", "1.5.0-rc.1");
        var fraudPinned = await Publish<FraudScoring>(new LocalRegistries(teamRegistries), "2.0.0");
        var project = CreateProject(Path.Combine(root, Project));
        var environment = new Dictionary<string, string> { ["MLOPS_HOME"] = home };

        // 1. The first build restores: both references pinned, wrappers compiled, one IR with both nested DAGs.
        var first = (await Build(project, environment)).EnsureSuccess();

        var lockPath = Path.Combine(project, "mlops.lock.json");
        var lockText = File.ReadAllText(lockPath);
        Assert.Contains($"\"churn-prediction\": {{\n      \"requested\": \"1.4.*\",\n      \"registry\": \"local\",\n      \"resolved\": \"1.4.2\",\n      \"digest\": \"{churnPinned["1.4.2"]}\"", lockText);
        Assert.Contains($"\"fraud-scoring\": {{\n      \"requested\": \"[2.0.0, 3.0.0)\",\n      \"registry\": \"../team-registries\",\n      \"resolved\": \"2.0.0\",\n      \"digest\": \"{fraudPinned["2.0.0"]}\"", lockText);
        Assert.Contains("\"localhost/churn/predict:1.4.2\"", lockText);
        Assert.Contains("resolved in its registry -> ChurnPrediction", first.Output);
        var spec = IrFile.Load(Path.Combine(project, "bin", "Debug", "net10.0", "pipelines", "customer-scoring.yaml")).Spec;
        var tasks = spec.Root.Dag!.Tasks!;
        Assert.Equal(["churn-prediction", "fraud-scoring"], tasks.Keys.Order(StringComparer.Ordinal));
        Assert.All(tasks.Values, task => Assert.NotNull(spec.Components![task.ComponentRef.Name].Dag));
        Assert.Equal("churn-prediction", tasks["fraud-scoring"].Inputs!.Artifacts!["customers"].TaskOutputArtifact!.ProducerTask);
        Assert.Contains(spec.DeploymentSpec.Executors.Values, e => e.Container?.Image == "localhost/churn/predict:1.4.2");
        Assert.Contains(spec.DeploymentSpec.Executors.Values, e => e.Container?.Image == "localhost/fraud/score:2.0.0");

        // 2. A second build reuses the lock file; without registries, from the lock file and the cache only.
        var lockWritten = File.GetLastWriteTimeUtc(lockPath);
        var second = (await Build(project, environment)).EnsureSuccess();
        Assert.Contains("Skipping target \"MlopsRestoreSubPipelines\" because all output files are up-to-date", second.Output);
        Directory.Move(Path.Combine(home, "registries"), Path.Combine(home, "registries-away"));
        Directory.Move(teamRegistries, teamRegistries + "-away");
        Directory.Delete(Path.Combine(project, "obj", "mlops"), recursive: true);
        var offline = (await Build(project, environment)).EnsureSuccess();
        Assert.Contains("from the lock file -> ChurnPrediction", offline.Output);
        Assert.Contains("registries opened: 0.", offline.Output);
        Assert.Equal(lockText, File.ReadAllText(lockPath));
        Assert.Equal(lockWritten, File.GetLastWriteTimeUtc(lockPath));
        // An IDE's design-time build restores offline too (and never runs a registry or the build's emit step).
        Directory.Delete(Path.Combine(project, "obj", "mlops"), recursive: true);
        var designTime = (await TestRun.Dotnet.RunAsync(project,
            ["msbuild", "-nologo", "-tl:false", "-v:n", "-t:Compile", "-p:DesignTimeBuild=true", "-p:SkipCompilerExecution=true", "-p:ProvideCommandLineArgs=true"],
            output.WriteLine, environment)).EnsureSuccess();
        Assert.Contains(" --offline", designTime.Output);
        Assert.True(File.Exists(Path.Combine(project, "obj", "mlops", "subpipelines", "fraud-scoring.g.cs")));
        Directory.Move(Path.Combine(home, "registries-away"), Path.Combine(home, "registries"));
        Directory.Move(teamRegistries + "-away", teamRegistries);

        // 3. Locked mode (CI) with a changed reference fails with MLOPS4020 and changes nothing; a normal restore updates.
        var csproj = Path.Combine(project, Project + ".csproj");
        File.WriteAllText(csproj, File.ReadAllText(csproj).Replace("Version=\"1.4.*\"", "Version=\"1.5.0-*\"", StringComparison.Ordinal));
        var locked = await Build(project, environment, "-p:MlopsRestoreLockedMode=true");
        Assert.NotEqual(0, locked.ExitCode);
        Assert.Contains($"{lockPath} : error MLOPS4020: Restore is in locked mode, but the SubPipelineReference items no longer match the lock file: 'churn-prediction' has Version '1.5.0-*', the lock file '1.4.*'", locked.Output);
        var nugetLocked = await TestRun.Dotnet.RunAsync(project, ["restore", "--locked-mode"], output.WriteLine, environment);
        Assert.NotEqual(0, nugetLocked.ExitCode);
        Assert.Contains("error MLOPS4020", nugetLocked.Output);
        Assert.Equal(lockText, File.ReadAllText(lockPath));
        (await TestRun.Dotnet.RunAsync(project, ["restore"], output.WriteLine, environment)).EnsureSuccess();
        Assert.Contains("\"resolved\": \"1.5.0-rc.1\"", File.ReadAllText(lockPath));
        // Deleting the lock file resolves every range again, as with NuGet's packages.lock.json.
        File.Delete(lockPath);
        (await Build(project, environment)).EnsureSuccess();
        Assert.Contains("\"resolved\": \"1.5.0-rc.1\"", File.ReadAllText(lockPath));

        // 4. Churn's predictions (a Dataset) wired into an input that wants a Model: a C# error at that line.
        var pipelines = Path.Combine(project, "Pipelines.cs");
        var source = File.ReadAllLines(pipelines);
        var line = Array.FindIndex(source, l => l.Contains("Model = churn.Outputs.Model", StringComparison.Ordinal));
        source[line] = source[line].Replace("churn.Outputs.Model", "churn.Outputs.Predictions", StringComparison.Ordinal);
        File.WriteAllLines(pipelines, source);
        var wrong = await Build(project, environment);
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Matches(Regex.Escape(pipelines) + $@"\({line + 1},\d+\): error CS0029: Cannot implicitly convert type 'Mlops\.Pipelines\.Output<Mlops\.Pipelines\.Dataset>' to 'Mlops\.Pipelines\.Input<Mlops\.Pipelines\.Model>'", wrong.Output);
    }

    private Task<ProcessResult> Build(string project, IReadOnlyDictionary<string, string> environment, params string[] extra) =>
        TestRun.Dotnet.RunAsync(project, ["build", "-tl:false", "-v:n", "-nologo", .. extra], output.WriteLine, environment);

    /// <summary>Compiles <typeparamref name="T"/> once per version (its sdkVersion differs, so its bytes do) and pushes each.</summary>
    private static async Task<Dictionary<string, ContentDigest>> Publish<T>(LocalRegistries registries, params string[] versions) where T : Pipeline
    {
        var digests = new Dictionary<string, ContentDigest>();
        foreach (var version in versions)
        {
            var compiled = PipelineCompiler.Compile((Pipeline)Activator.CreateInstance(typeof(T))!, new CompileOptions { SdkVersion = "team-" + version }).EnsureSuccess();
            digests[version] = await registries.PipelineTemplates.PushAsync(compiled.Name, Encoding.UTF8.GetBytes(compiled.ToYaml()), [version]);
        }
        return digests;
    }

    private static string CreateProject(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "global.json"), $$"""{ "msbuild-sdks": { "Mlops.Sdk": "{{RepositoryLayout.Version}}" } }""");
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                <add key="mlops" value="{RepositoryLayout.PackagesDirectory}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(folder, Project + ".csproj"), """
            <Project Sdk="Mlops.Sdk">
              <PropertyGroup>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <SubPipelineReference Include="churn-prediction" Version="1.4.*" />
                <SubPipelineReference Include="fraud-scoring" Version="[2.0.0, 3.0.0)" Registry="../team-registries" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Pipelines.cs"), """
            using CustomerScoring.SubPipelines;
            using Mlops.Pipelines;

            namespace CustomerScoring;

            /// <summary>Scores customers for churn, then looks for fraud among them with the same model.</summary>
            [Pipeline("customer-scoring")]
            public sealed class Scoring : Pipeline
            {
                protected override void Build()
                {
                    var churn = Run(new ChurnPrediction { Table = "crm.eu" });
                    Run(new FraudScoring
                    {
                        Customers = churn.Outputs.Predictions,
                        Model = churn.Outputs.Model,
                    });
                }
            }
            """);
        return folder;
    }

    // The two teams' pipelines, as their repositories would publish them.

    public sealed class Extract : ContainerComponent
    {
        public required Input<string> Table { get; init; }
        public Output<Dataset> Data { get; } = new();

        protected override Container Container => new("python:3.11", ["python3", "extract.py", "--table", Table, "--data", Data.Path]);
    }

    public sealed class Predict : ContainerComponent
    {
        public required Input<Dataset> Data { get; init; }
        public Output<Dataset> Predictions { get; } = new();
        public Output<Model> Model { get; } = new();

        protected override Container Container => new("localhost/churn/predict:1.4.2",
            ["python3", "predict.py", "--data", Data.Path, "--predictions", Predictions.Path, "--model", Model.Path]);
    }

    [Pipeline("churn-prediction", Description = "Scores customers with the churn model.")]
    public sealed class ChurnPrediction : Pipeline
    {
        public Input<string> Table { get; init; } = "crm.customers";
        public Output<Dataset> Predictions { get; } = new();
        public Output<Model> Model { get; } = new();

        protected override void Build()
        {
            var predict = Run(new Predict { Data = Run(new Extract { Table = Table }).Outputs.Data });
            SetOutput(Predictions, predict.Outputs.Predictions);
            SetOutput(Model, predict.Outputs.Model);
        }
    }

    public sealed class Score : ContainerComponent
    {
        public required Input<Dataset> Customers { get; init; }
        public required Input<Model> Model { get; init; }
        public required Input<double> Threshold { get; init; }
        public Output<Dataset> Alerts { get; } = new();

        protected override Container Container => new("localhost/fraud/score:2.0.0",
            ["python3", "score.py", "--customers", Customers.Path, "--model", Model.Path, "--threshold", Threshold, "--alerts", Alerts.Path]);
    }

    [Pipeline("fraud-scoring", Description = "Flags customers whose behaviour looks like fraud.")]
    public sealed class FraudScoring : Pipeline
    {
        public required Input<Dataset> Customers { get; init; }
        public required Input<Model> Model { get; init; }
        public Input<double> Threshold { get; init; } = 0.9;
        public Output<Dataset> Alerts { get; } = new();

        protected override void Build() =>
            SetOutput(Alerts, Run(new Score { Customers = Customers, Model = Model, Threshold = Threshold }).Outputs.Alerts);
    }
}
