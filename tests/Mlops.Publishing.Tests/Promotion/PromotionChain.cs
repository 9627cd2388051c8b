using Mlops.ContractServers.Kfp;
using Mlops.Diagnostics;
using Mlops.ContractServers.Python;
using Mlops.Environments;
using Mlops.Pipelines;
using Mlops.Pipelines.Compiler;
using Mlops.Publishing.Images;
using Mlops.Registries;
using Mlops.Registries.Auth;
using Mlops.Registries.Http;
using Mlops.Registries.Kfp;
using Mlops.Registries.Oci;
using Mlops.Registries.Python;
using Mlops.Runner.Store;

namespace Mlops.Publishing.Tests.Promotion;

/// <summary>
/// A team's release and the four environments of the scaffolded environments file, on real registries: dataops
/// (trains) and dev share one registry host (so dev's images are mounted), staging and prod share another, over TLS
/// (so staging's are streamed across hosts, prod's mounted again); each has a KFP-format and a Python registry
/// (contract servers). Transports count what each environment's image registry was sent.
/// </summary>
internal sealed class PromotionChain : IAsyncDisposable
{
    public const string Version = "1.0.0";
    private readonly TempFolder work = new("mlops-promotion-");
    private readonly KfpRegistryServer kfp;
    private readonly Dictionary<string, PythonRegistryServer> python = new(StringComparer.Ordinal);
    private readonly HttpClient http = RegistryHttpClient.Create(RetrySettings.Immediate);
    private readonly List<IDisposable> owned = [];
    private readonly string services = Convert.ToHexString(Guid.NewGuid().ToByteArray());

    private PromotionChain(AuthenticatedRegistry hostA, AuthenticatedRegistry hostB, ComponentImageBuilder engine)
    {
        var run = $"p{Guid.NewGuid():N}"[..9];
        kfp = new KfpRegistryServer(work.File("kfp"), AuthenticatedRegistry.User, services, []);
        foreach (var name in Names)
        {
            python[name] = new PythonRegistryServer(work.File("pypi-" + name), AuthenticatedRegistry.User, services, $"/acme-{name}/models/");
        }
        Registries = new Dictionary<string, (AuthenticatedRegistry Host, string Prefix)>(StringComparer.Ordinal)
        {
            ["dataops"] = (hostA, $"{hostA.Host}/{run}/dataops"),
            ["dev"] = (hostA, $"{hostA.Host}/{run}/dev"),
            ["staging"] = (hostB, $"{hostB.Host}/{run}/staging"),
            ["prod"] = (hostB, $"{hostB.Host}/{run}/prod"),
        };
        Engine = engine;
        Pipelines = work.File("bin", "pipelines");
        Directory.CreateDirectory(Pipelines);
        foreach (var pipeline in new Pipeline[] { new TeamTraining(), new TeamScoring() })
        {
            var compiled = PipelineCompiler.Compile(pipeline, new CompileOptions { SdkVersion = "test" }).EnsureSuccess();
            File.WriteAllText(Path.Combine(Pipelines, compiled.Name + ".yaml"), compiled.ToYaml());
        }
        Home = MlopsHome.At(work.File("home"));
    }

    public static readonly string[] Names = ["dataops", "dev", "staging", "prod"];

    /// <summary>The user's password at the KFP-format and Python registry servers.</summary>
    public string ServicesPassword => services;

    public Uri PipelinesUrl(string repository) => kfp.RepositoryUrl(repository, "pipelines");

    /// <summary>What the KFP-format registry server was sent, in order.</summary>
    public IReadOnlyList<Mlops.ContractServers.RecordedRequest> PipelineRequests => kfp.Requests;

    public Uri PythonUrl(string environment) => python[environment].RepositoryUrl;

    /// <summary>Bytes of random data in the prepare component (so its image has a layer worth streaming); none by default.</summary>
    public int PrepareExtraBytes { get; set; }

    public IReadOnlyDictionary<string, (AuthenticatedRegistry Host, string Prefix)> Registries { get; }

    public Dictionary<string, CountingTransport> Transports { get; } = new(StringComparer.Ordinal);

    public ComponentImageBuilder Engine { get; }

    public string Pipelines { get; }

    public MlopsHome Home { get; }

    public string Work => work.Path;

    public static async Task<PromotionChain> StartAsync(AuthenticatedRegistry hostA, AuthenticatedRegistry hostB, ComponentImageBuilder engine)
    {
        var chain = new PromotionChain(hostA, hostB, engine);
        await chain.kfp.StartAsync();
        foreach (var server in chain.python.Values)
        {
            await server.StartAsync();
        }
        return chain;
    }

    public ProjectRelease Release(string version = Version) => new()
    {
        Version = version,
        PipelinesFolder = Pipelines,
        Components = [Component("prepare"), Component("train")],
        Model = new ModelSelection { PackageId = "Team.Model", Commit = "0123abc" },
        WorkFolder = work.File("obj", Guid.NewGuid().ToString("N")),
    };

    /// <summary>A succeeded local run of team-training whose model output holds <paramref name="model"/>.</summary>
    public void RecordTrainingRun(string model)
    {
        var store = new RunStore(Home);
        var runId = RunStore.NewRunId();
        var modelPath = Path.Combine(store.RunFolder("team-training", runId), "artifacts", "train", "model", "model.pkl");
        Directory.CreateDirectory(Path.GetDirectoryName(modelPath)!);
        File.WriteAllText(modelPath, model);
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
    }

    /// <summary>The environment as the environments file would connect it, with a fresh counting transport; <paramref name="training"/> and <paramref name="promotesFrom"/> override the file's values.</summary>
    public MlopsEnvironment Environment(string name, bool? training = null, string? promotesFrom = "", ComponentImageBuilder? engine = null)
    {
        var (host, prefix) = Registries[name];
        var transport = new CountingTransport(host.Authority?.Transport());
        Transports[name] = transport;
        var credentials = new PerHostCredentials(host.Host,
            RegistryCredential.Basic(AuthenticatedRegistry.User, host.Password, "the test's registry password"),
            RegistryCredential.Basic(AuthenticatedRegistry.User, services, "the test's service password"));
        var client = new OciRegistryClient(host.Host, plainHttp: host.Authority is null, credentials, RetrySettings.Immediate, transport);
        owned.Add(client);
        var pipelines = PipelinesUrl($"acme-{name}");
        var definition = new EnvironmentDefinition(name, $"acme-{name}", "europe-west4", training ?? name == "dataops",
            new EnvironmentRegistries(prefix, host.Authority is null, pipelines, python[name].RepositoryUrl, null), null,
            promotesFrom == "" ? DefaultSource(name) : promotesFrom, name == "prod", null, new SourceLocation("mlops.environments.json", 1));
        var registries = new RegistrySet(
            new KfpTemplateRegistry(pipelines, http, credentials),
            new PythonUploadIndex(python[name].RepositoryUrl, http, credentials, RetrySettings.Immediate),
            null,
            new OciImageRegistry(prefix, client, engine, work.File("images", name), TextWriter.Null));
        return new MlopsEnvironment(name, name, registries, definition);
    }

    /// <summary>The registry's credential for its host, the services' for the KFP and Python servers.</summary>
    private sealed class PerHostCredentials(string registryHost, RegistryCredential registry, RegistryCredential others) : IRegistryCredentialProvider
    {
        public Task<RegistryCredential?> GetAsync(string host, CancellationToken cancellationToken = default) =>
            Task.FromResult<RegistryCredential?>(host == registryHost ? registry : others);
    }

    public static string? DefaultSource(string name) => name switch { "dev" => "dataops", "staging" => "dev", "prod" => "staging", _ => null };

    private ComponentImage Component(string name)
    {
        var folder = work.File("components", name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"{name}.py"), $"print('{name}')\n");
        var extra = "";
        if (name == "prepare" && PrepareExtraBytes > 0)
        {
            // Seeded: every release of the chain has the same component files, and so the same image.
            var weights = new byte[PrepareExtraBytes];
            new Random(20261203).NextBytes(weights);
            File.WriteAllBytes(Path.Combine(folder, "weights.bin"), weights);
            extra = "COPY weights.bin /app/\n";
        }
        File.WriteAllText(Path.Combine(folder, "Dockerfile"), $"FROM {TestServices.BaseImage}\nCOPY {name}.py /app/\n{extra}");
        return new ComponentImage(name, folder, ImageReference.Parse($"localhost/team/{name}:{Version}"));
    }

    public async ValueTask DisposeAsync()
    {
        await kfp.DisposeAsync();
        foreach (var server in python.Values)
        {
            await server.DisposeAsync();
        }
        owned.ForEach(o => o.Dispose());
        http.Dispose();
        work.Dispose();
    }
}

public sealed class Prepare : ContainerComponent
{
    public Output<Dataset> Data { get; } = new();

    protected override Container Container => new($"localhost/team/prepare:{PromotionChain.Version}", ["python3", "prepare.py", "--data", Data.Path]);
}

public sealed class Train : ContainerComponent
{
    public required Input<Dataset> Data { get; init; }
    public Output<Mlops.Pipelines.Model> Model { get; } = new();

    protected override Container Container => new($"localhost/team/train:{PromotionChain.Version}", ["python3", "train.py", "--data", Data.Path, "--model", Model.Path]);
}

[Pipeline("team-training")]
public sealed class TeamTraining : Pipeline
{
    public Output<Mlops.Pipelines.Model> Model { get; } = new();

    protected override void Build()
    {
        var prepare = Run(new Prepare());
        var train = Run(new Train { Data = prepare.Outputs.Data });
        SetOutput(Model, train.Outputs.Model);
    }
}

[Pipeline("team-scoring")]
public sealed class TeamScoring : Pipeline
{
    protected override void Build() => Run(new Prepare());
}
