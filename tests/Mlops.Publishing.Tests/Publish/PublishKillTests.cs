using System.Text.Json.Nodes;
using Mlops.Publishing.Images;
using Mlops.Publishing.Ledger;
using Mlops.Publishing.Tests.Promotion;
using Mlops.Registries;
using Mlops.Registries.Http;
using Mlops.Registries.Kfp;
using Mlops.Registries.Oci;
using Mlops.Registries.Python;

namespace Mlops.Publishing.Tests.Publish;

/// <summary>
/// A fresh publish to the training environment killed (SIGKILL) at several points, as CI kills a job: the tool's
/// publish runs as a process, as dotnet publish runs it, building the components in the container engine and pushing
/// a release with a 24 MiB layer to the real registry and the KFP-format and Python servers. After each kill, every
/// pipeline tag of the Version names IR whose pinned images (by digest, and tagged) and wheel are all there, and the
/// ledger records the Version only once every pipeline is tagged; a rerun converges to the whole release.
/// </summary>
public sealed class PublishKillTests(ITestOutputHelper output, AuthenticatedRegistry hostA, SecondRegistry hostC)
    : IClassFixture<AuthenticatedRegistry>, IClassFixture<SecondRegistry>, IDisposable
{
    /// <summary>
    /// Kill points: at the start of the process; when it says it began, and 100 and 400 ms later (exporting and
    /// uploading the images); when it pushed an image; when it pushed the wheel; when it tagged the first pipeline; when
    /// it tagged the last one (before the ledger).
    /// </summary>
    private static readonly (string Line, int ThenMilliseconds)[] KillWhen =
    [
        (KillableToolPublish.AtStart, 0), ("Publishing ", 0), ("Publishing ", 100), ("Publishing ", 400), ("image ", 0), ("model ", 0),
        ("pipeline team-scoring", 0), ("pipeline team-training", 0),
    ];
    private static readonly string[] PipelineNames = ["team-scoring", "team-training"];
    private ComponentImageBuilder? engine;

    [Fact]
    public async Task A_publish_killed_at_any_point_leaves_no_tag_naming_a_partial_release_and_a_rerun_converges()
    {
        if ((engine ??= PromotionPrerequisites.Engine(output, hostA, hostC)) is not { } builder) return;
        await using var chain = await PromotionChain.StartAsync(hostA, hostC, builder);
        chain.PrepareExtraBytes = 24 * 1024 * 1024;
        chain.RecordTrainingRun("the model");
        var release = chain.Release();
        var dockerConfig = KillableToolPublish.WriteDockerConfig(chain);

        var outcomes = new List<string>();
        for (var attempt = 0; attempt < KillWhen.Length; attempt++)
        {
            // An environment of its own per attempt, so each kill lands in a publish that has work left to do.
            var target = $"dataops{attempt}";
            var environments = WriteEnvironmentsFile(chain, target);
            var killed = await PublishAsync(chain, release, target, environments, dockerConfig, builder, KillWhen[attempt]);
            var state = await StateAsync(chain, target);
            outcomes.Add($"killed at '{KillWhen[attempt].Line.Trim()}' +{KillWhen[attempt].ThenMilliseconds} ms: {(killed ? "" : "(finished first) ")}{state}");

            Assert.False(await PublishAsync(chain, release, target, environments, dockerConfig, builder, killWhen: null));
            Assert.Equal("the whole release, in the ledger", await StateAsync(chain, target));
        }
        output.WriteLine(string.Join("\n", outcomes));
        Assert.All(outcomes, o => Assert.DoesNotContain("torn", o, StringComparison.Ordinal));
        Assert.Contains(outcomes, o => o.Contains(": no release", StringComparison.Ordinal));
        Assert.Contains(outcomes, o => o.Contains("not yet in the ledger", StringComparison.Ordinal) || o.Contains("of 2 pipelines", StringComparison.Ordinal));
    }

    private static Task<bool> PublishAsync(PromotionChain chain, ProjectRelease release, string target, string environments, string dockerConfig,
        ComponentImageBuilder builder, (string Line, int ThenMilliseconds)? killWhen) =>
        KillableToolPublish.RunAsync(
            [
                "--environment", target, "--version", release.Version, "--pipelines", release.PipelinesFolder, "--package-id", release.Model.PackageId,
                "--commit", release.Model.Commit, "--work", Path.Combine(chain.Work, "tool-work", target), "--home", chain.Home.Root, "--environments-file", environments,
                .. release.Components.SelectMany(c => new[] { "--component", ComponentArgument(c) }),
            ],
            new Dictionary<string, string> { ["DOCKER_CONFIG"] = dockerConfig, ["DOCKER_HOST"] = builder.Endpoint.Uri.ToString() },
            killWhen);

    private static string ComponentArgument(ComponentImage component) =>
        $"name={Uri.EscapeDataString(component.Name)}&image={Uri.EscapeDataString(component.Reference.ToString())}&folder={Uri.EscapeDataString(component.Folder)}";

    /// <summary>
    /// "no release" (saying what landed untagged), "the whole release" (in the ledger or not yet), "K of 2 pipelines
    /// tagged, each whole", or what is torn (a failure).
    /// </summary>
    private static async Task<string> StateAsync(PromotionChain chain, string target)
    {
        using var http = RegistryHttpClient.Create(RetrySettings.Immediate);
        var services = new FixedCredentialProvider(Mlops.Registries.Auth.RegistryCredential.Basic(AuthenticatedRegistry.User, chain.ServicesPassword, "the test"));
        var pipelines = new KfpTemplateRegistry(chain.PipelinesUrl($"acme-{target}"), http, services);
        var (host, prefix) = chain.Registries["dataops"];
        using var client = new OciRegistryClient(host.Host, plainHttp: true, host.Credentials(), RetrySettings.Immediate);
        var repositoryPrefix = $"{prefix}-{target}"[(host.Host.Length + 1)..];
        var ledgered = await client.GetManifestDigestAsync($"{repositoryPrefix}/{ReleaseLedger.RepositoryFolder}/team-model", PromotionChain.Version) is not null;

        var packaged = await pipelines.ListPackagesAsync();
        var tagged = new List<string>();
        foreach (var name in PipelineNames.Where(packaged.Contains))
        {
            if ((await pipelines.ListTagsAsync(name)).Any(t => t.Name == PromotionChain.Version))
            {
                tagged.Add(name);
            }
        }
        if (tagged.Count == 0)
        {
            return ledgered ? "torn: the ledger records the Version and no pipeline tag names it" : "no release";
        }
        var missing = new List<string>();
        foreach (var name in tagged)
        {
            var ir = await pipelines.GetAsync(name, PromotionChain.Version);
            foreach (var image in IrImagePinning.Images(ir, name))
            {
                var reference = ImageReference.Parse(image);
                if (reference.Digest is not { } digest || await client.GetManifestDigestAsync(reference.Repository, digest.ToString()) is null)
                {
                    missing.Add(image);
                }
                else if (await client.GetManifestDigestAsync(reference.Repository, PromotionChain.Version) != digest)
                {
                    missing.Add($"{reference.Name}:{PromotionChain.Version}");
                }
            }
        }
        var wheels = new PythonUploadIndex(chain.PythonUrl("dataops"), http, services, RetrySettings.Immediate);
        if ((await wheels.ListFilesAsync("team-model")).All(f => f.Version != PromotionChain.Version))
        {
            missing.Add("the wheel");
        }
        if (ledgered && tagged.Count < PipelineNames.Length)
        {
            missing.Add($"{string.Join(", ", PipelineNames.Except(tagged))} (the ledger records the Version)");
        }
        if (missing.Count > 0)
        {
            return $"torn: {string.Join(" and ", tagged)} tagged without {string.Join(", ", missing)}";
        }
        return tagged.Count < PipelineNames.Length ? $"{tagged.Count} of 2 pipelines tagged, each whole"
            : ledgered ? "the whole release, in the ledger" : "the whole release, not yet in the ledger";
    }

    /// <summary>A training environment of its own on the chain's first registry host, under its own names.</summary>
    private static string WriteEnvironmentsFile(PromotionChain chain, string target)
    {
        var (_, images) = chain.Registries["dataops"];
        var file = Path.Combine(chain.Work, $"{target}.environments.json");
        var json = new JsonObject
        {
            ["environments"] = new JsonObject
            {
                [target] = KillableToolPublish.Environment($"{images}-{target}", chain.PipelinesUrl($"acme-{target}"), chain.PythonUrl("dataops"), training: true, from: null),
            },
        };
        File.WriteAllText(file, json.ToJsonString());
        return file;
    }

    public void Dispose() => engine?.Dispose();
}
