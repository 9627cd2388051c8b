using System.Text;
using System.Text.Json.Nodes;
using Mlops.Publishing.Images;
using Mlops.Registries;
using Mlops.Registries.Auth;
using Mlops.Registries.Http;
using Mlops.Registries.Kfp;
using Mlops.Registries.Oci;
using Mlops.Registries.Python;

namespace Mlops.Publishing.Tests.Promotion;

/// <summary>
/// A promotion killed (SIGKILL) at several points, as CI kills a job: the tool's publish runs as a process, as
/// dotnet publish runs it, streaming a release with a 24 MiB layer from dataops to another registry host. After each
/// kill the target shows no release of the Version or the whole of it (a pipeline tag only ever names IR whose
/// images and wheel are all there), and a rerun converges to the whole release.
/// </summary>
public sealed class PromotionKillTests(ITestOutputHelper output, AuthenticatedRegistry hostA, SecondRegistry hostC)
    : IClassFixture<AuthenticatedRegistry>, IClassFixture<SecondRegistry>, IDisposable
{
    /// <summary>
    /// Kill points: at the start of the process; when it says it began, and 50, 100 and 200 ms later (copying the
    /// image); when it copied the wheel; when it tagged an image; when it tagged the pipeline.
    /// </summary>
    private static readonly (string Line, int ThenMilliseconds)[] KillWhen =
        [(KillableToolPublish.AtStart, 0), ("Promoting ", 0), ("Promoting ", 50), ("Promoting ", 100), ("Promoting ", 200), ("model ", 0), ("image ", 0), ("pipeline team-scoring", 0)];
    private ComponentImageBuilder? engine;

    [Fact]
    public async Task A_promotion_killed_at_any_point_leaves_the_old_release_or_the_whole_new_one_and_a_rerun_converges()
    {
        if (Prerequisites() is not { } builder) return;
        await using var chain = await PromotionChain.StartAsync(hostA, hostC, builder);
        chain.PrepareExtraBytes = 24 * 1024 * 1024;
        chain.RecordTrainingRun("the model");
        var release = chain.Release();
        var dataops = await ReleasePublisher.PublishAsync(release, chain.Environment("dataops", engine: builder), chain.Home, builder, TextWriter.Null, default);
        var prepare = ContentDigest.Parse(dataops.Images.Single(i => i.Key.EndsWith("/team/prepare", StringComparison.Ordinal)).Value);
        var dockerConfig = KillableToolPublish.WriteDockerConfig(chain);

        var outcomes = new List<string>();
        for (var attempt = 0; attempt < KillWhen.Length; attempt++)
        {
            // A target of its own per attempt, so each kill lands in a promotion that has work left to do.
            var target = $"staging{attempt}";
            var environments = WriteEnvironmentsFile(chain, target);
            var killed = await PromoteAsync(chain, release, environments, dockerConfig, KillWhen[attempt]);
            var state = await TargetStateAsync(chain, target, prepare);
            outcomes.Add($"killed at '{KillWhen[attempt].Line.Trim()}' +{KillWhen[attempt].ThenMilliseconds} ms: {(killed ? "" : "(finished first) ")}{state}");

            var rerun = await PromoteAsync(chain, release, environments, dockerConfig, killWhen: null);
            Assert.False(rerun);
            Assert.Equal("the whole release", await TargetStateAsync(chain, target, prepare));
        }
        output.WriteLine(string.Join("\n", outcomes));
        Assert.All(outcomes, o => Assert.DoesNotContain("torn", o, StringComparison.Ordinal));
        Assert.Contains(outcomes, o => o.EndsWith(": no release", StringComparison.Ordinal) || o.Contains("untagged", StringComparison.Ordinal));
    }

    /// <summary>Runs the tool's publish to the target, killed as soon as a line of its output starts with <paramref name="killWhen"/>; true when it was killed before it ended.</summary>
    private static Task<bool> PromoteAsync(PromotionChain chain, ProjectRelease release, string environments, string dockerConfig, (string Line, int ThenMilliseconds)? killWhen) =>
        KillableToolPublish.RunAsync(
            ["--environment", "staging", "--version", release.Version, "--pipelines", release.PipelinesFolder, "--package-id", release.Model.PackageId,
                "--work", Path.Combine(chain.Work, "tool-work"), "--home", chain.Home.Root, "--environments-file", environments],
            new Dictionary<string, string>
            {
                ["DOCKER_CONFIG"] = dockerConfig,
                // A promotion builds nothing: an engine that does not exist proves it is never asked.
                ["DOCKER_HOST"] = "unix:///nonexistent/mlops-tests-no-engine.sock",
            },
            killWhen);

    /// <summary>"no release" (saying whether the copy had begun), "the whole release", or what is torn (a failure).</summary>
    private static async Task<string> TargetStateAsync(PromotionChain chain, string target, ContentDigest prepare)
    {
        using var http = RegistryHttpClient.Create(RetrySettings.Immediate);
        var services = new FixedCredentialProvider(RegistryCredential.Basic(AuthenticatedRegistry.User, chain.ServicesPassword, "the test"));
        var pipelines = new KfpTemplateRegistry(chain.PipelinesUrl($"acme-{target}"), http, services);
        if (!(await pipelines.ListPackagesAsync()).Contains("team-scoring")
            || (await pipelines.ListTagsAsync("team-scoring")).All(t => t.Name != PromotionChain.Version))
        {
            return await CopiedAsync() ? "no release (its image was copied, untagged: the tags had not moved)" : "no release";
        }
        var (host, _) = chain.Registries["staging"];
        using var client = new OciRegistryClient(host.Host, plainHttp: true, host.Credentials(), RetrySettings.Immediate);
        var ir = Encoding.UTF8.GetString(await pipelines.GetAsync("team-scoring", PromotionChain.Version));
        var missing = new List<string>();
        foreach (var image in IrImagePinning.Images(Encoding.UTF8.GetBytes(ir), "team-scoring"))
        {
            var reference = ImageReference.Parse(image);
            var repository = reference.Repository;
            if (await client.GetManifestDigestAsync(repository, reference.Digest!.ToString()) is null)
            {
                missing.Add(image);
            }
            if (await client.GetManifestDigestAsync(repository, PromotionChain.Version) != reference.Digest)
            {
                missing.Add($"{reference.Name}:{PromotionChain.Version}");
            }
        }
        var wheels = new PythonUploadIndex(chain.PythonUrl("staging"), http, services, RetrySettings.Immediate);
        if ((await wheels.ListFilesAsync("team-model")).All(f => f.Version != PromotionChain.Version))
        {
            missing.Add("the wheel");
        }
        return missing.Count == 0 ? "the whole release" : $"torn: the pipeline tag is there without {string.Join(", ", missing)}";

        async Task<bool> CopiedAsync()
        {
            var (registry, prefix) = chain.Registries["staging"];
            using var client = new OciRegistryClient(registry.Host, plainHttp: true, registry.Credentials(), RetrySettings.Immediate);
            var repository = $"{prefix}-{target}/team/prepare"[(registry.Host.Length + 1)..];
            return await client.GetManifestDigestAsync(repository, prepare.ToString()) is not null;
        }
    }

    /// <summary>dataops as the chain has it, and a staging (promoting from dataops) on the second registry host under its own names.</summary>
    private static string WriteEnvironmentsFile(PromotionChain chain, string target)
    {
        var (_, dataopsImages) = chain.Registries["dataops"];
        var (_, stagingImages) = chain.Registries["staging"];
        var file = Path.Combine(chain.Work, $"{target}.environments.json");
        var json = new JsonObject
        {
            ["environments"] = new JsonObject
            {
                ["dataops"] = Environment(dataopsImages, chain.PipelinesUrl("acme-dataops"), chain.PythonUrl("dataops"), training: true, from: null),
                ["staging"] = Environment($"{stagingImages}-{target}", chain.PipelinesUrl($"acme-{target}"), chain.PythonUrl("staging"), training: false, from: "dataops"),
            },
        };
        File.WriteAllText(file, json.ToJsonString());
        return file;

        static JsonObject Environment(string images, Uri pipelines, Uri python, bool training, string? from) =>
            KillableToolPublish.Environment(images, pipelines, python, training, from);
    }

    private ComponentImageBuilder? Prerequisites() => engine ??= PromotionPrerequisites.Engine(output, hostA, hostC);

    public void Dispose() => engine?.Dispose();
}
