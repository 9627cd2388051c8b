using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mlops.Diagnostics;
using Mlops.Pipelines.Compiler;
using Mlops.Publishing.Images;
using Mlops.Publishing.Ledger;
using Mlops.Publishing.Promotion;
using Mlops.Registries;

namespace Mlops.Publishing.Tests.Promotion;

/// <summary>
/// The release ledger each environment keeps in its own image registry, on the promotion chain's real registries: the
/// entry is an OCI artifact skopeo reads, the table lists every environment's live release, prod's gate takes only an
/// approved release that passed in staging, and a rollback moves latest back without a copy.
/// </summary>
public sealed class ReleaseLedgerTests(ITestOutputHelper output, AuthenticatedRegistry hostA, TlsRegistry hostB)
    : IClassFixture<AuthenticatedRegistry>, IClassFixture<TlsRegistry>, IDisposable
{
    private const string Approver = "release-manager@acme.example";
    private ComponentImageBuilder? engine;

    [Fact]
    public async Task A_publish_and_a_promotion_are_recorded_as_OCI_artifacts_whose_layer_is_the_entry_and_a_rerun_keeps_the_first_entry()
    {
        if (Prerequisites() is not { } builder) return;
        await using var chain = await PromotionChain.StartAsync(hostA, hostB, builder);
        chain.RecordTrainingRun("model");
        var dataops = await ReleasePublisher.PublishAsync(chain.Release(), chain.Environment("dataops", engine: builder), chain.Home, builder, TextWriter.Null, default);
        var staging = await PromoteAsync(chain, "staging");

        var (host, prefix) = chain.Registries["staging"];
        var artifact = $"{prefix}/mlops-releases/team-model:{PromotionChain.Version}";
        using var manifest = JsonDocument.Parse(await Skopeo(host, "inspect", "--raw", $"docker://{artifact}"));
        Assert.Equal(ReleaseLedger.ArtifactType, manifest.RootElement.GetProperty("artifactType").GetString());
        Assert.Equal(ReleaseLedger.ArtifactType, manifest.RootElement.GetProperty("config").GetProperty("mediaType").GetString());
        var layer = Assert.Single(manifest.RootElement.GetProperty("layers").EnumerateArray());
        Assert.Equal(ReleaseLedger.EntryMediaType, layer.GetProperty("mediaType").GetString());
        var stored = File.ReadAllBytes(host.BlobFile(ContentDigest.Parse(layer.GetProperty("digest").GetString()!)));
        Assert.Equal(layer.GetProperty("digest").GetString(), "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stored)));

        using var entry = JsonDocument.Parse(stored);
        var root = entry.RootElement;
        Assert.Equal("promotion", root.GetProperty("kind").GetString());
        Assert.Equal(PromotionChain.Version, root.GetProperty("version").GetString());
        Assert.Equal("dev", root.GetProperty("sourceEnvironment").GetString());
        Assert.Equal("0123abc", root.GetProperty("sourceCommit").GetString());
        Assert.Equal(staging.Images[$"{prefix}/team/prepare"], root.GetProperty("images").GetProperty($"{prefix}/team/prepare").GetString());
        Assert.Equal(staging.Pipelines["team-scoring"], root.GetProperty("pipelines").GetProperty("team-scoring").GetString());
        Assert.Equal(dataops.Wheels.Single().Value, root.GetProperty("wheels").GetProperty(dataops.Wheels.Single().Key).GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("publishedBy").GetString()));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("approval").ValueKind);
        var fresh = await Ledger(chain, "dataops").ReadAsync(PromotionChain.Version);
        Assert.Null(fresh!.SourceEnvironment);
        Assert.Equal(LedgerEntry.Publish, fresh.Kind);
        Assert.Equal(fresh.TrainingRun, root.GetProperty("trainingRun").GetString());
        Assert.NotNull(fresh.TrainingRun);

        var before = await Skopeo(host, "inspect", "--raw", $"docker://{artifact}");
        await ReleasePromoter.PromoteAsync(chain.Release(), chain.Environment("dev"), chain.Environment("staging"), TextWriter.Null, default);
        Assert.Equal(before, await Skopeo(host, "inspect", "--raw", $"docker://{artifact}"));
        Assert.Equal(before, await Skopeo(host, "inspect", "--raw", $"docker://{prefix}/mlops-releases/team-model:{ReleaseLedger.LiveTag}"));
        Assert.Equal(0, chain.Transports["staging"].LedgerBytesSent);
        Assert.DoesNotContain(chain.Transports["staging"].Requests, r => r.StartsWith("PUT", StringComparison.Ordinal) && r.Contains("/mlops-releases/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_table_lists_every_environment_with_its_live_version_source_approval_and_short_digests()
    {
        if (Prerequisites() is not { } builder) return;
        await using var chain = await PromotionChain.StartAsync(hostA, hostB, builder);
        chain.RecordTrainingRun("model");
        await ReleasePublisher.PublishAsync(chain.Release(), chain.Environment("dataops", engine: builder), chain.Home, builder, TextWriter.Null, default);
        var prod = await PromoteAsync(chain, "prod", Approver);

        var rows = await LiveReleaseTable.ReadAsync(PromotionChain.Names.Select(n => chain.Environment(n)), "Team.Model", default);
        var table = LiveReleaseTable.Format(rows);
        output.WriteLine(table);

        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("environment | version | from", lines[0], StringComparison.Ordinal);
        Assert.Equal(PromotionChain.Names, lines.Skip(2).Select(l => l.Split(" | ")[0].Trim()));
        Assert.Equal(["published", "dataops", "dev", "staging"], lines.Skip(2).Select(l => l.Split(" | ")[2].Trim()));
        Assert.All(lines.Skip(2), l => Assert.Equal(PromotionChain.Version, l.Split(" | ")[1].Trim()));
        Assert.Equal(["-", "-", "-", Approver], lines.Skip(2).Select(l => l.Split(" | ")[5].Trim()));
        Assert.Contains($"prepare@{ContentDigest.Parse(prod.Images.Single().Value).Hex[..12]}", lines[^1]);
        Assert.Contains($"team-scoring@{ContentDigest.Parse(prod.Pipelines["team-scoring"]).Hex[..12]}", lines[^1]);
    }

    [Fact]
    public async Task A_gated_environment_refuses_a_promotion_without_approval_MLOPS2044_copying_nothing_and_records_the_approver_with_one()
    {
        if (Prerequisites() is not { } builder) return;
        await using var chain = await PromotionChain.StartAsync(hostA, hostB, builder);
        chain.RecordTrainingRun("model");
        await ReleasePublisher.PublishAsync(chain.Release(), chain.Environment("dataops", engine: builder), chain.Home, builder, TextWriter.Null, default);
        await PromoteAsync(chain, "staging");
        var prod = chain.Environment("prod");

        var refused = await Assert.ThrowsAsync<MlopsException>(() =>
            ReleasePromoter.PromoteAsync(chain.Release(), chain.Environment("staging"), prod, TextWriter.Null, default));

        Assert.Equal(ErrorCodes.Host.ApprovalRequired, refused.Code);
        Assert.Contains("Environment prod requires an approval", refused.Message);
        Assert.Contains("-p:MlopsApproval=", refused.Message);
        Assert.Contains("nothing was copied", refused.Message);
        AssertOnlyRead(chain, "prod");
        Assert.Empty(await prod.Registries.PipelineTemplates.ListPackagesAsync());
        Assert.Empty(await prod.Registries.PythonPackages.ListProjectsAsync());

        var wrong = await Assert.ThrowsAsync<MlopsException>(() => ReleasePromoter.PromoteAsync(chain.Release(), chain.Environment("staging"),
            chain.Environment("prod"), TextWriter.Null, default, approval: $"{Approver}@sha256:{new string('0', 64)}"));
        Assert.Equal(ErrorCodes.Host.ApprovalForOtherRelease, wrong.Code);
        AssertOnlyRead(chain, "prod");

        var released = await ReleasePromoter.PromoteAsync(chain.Release(), chain.Environment("staging"), chain.Environment("prod"), TextWriter.Null, default,
            approval: Approver);
        var entry = await Ledger(chain, "prod").LiveAsync();
        Assert.Equal(Approver, entry!.Approval!.Approver);
        Assert.Equal(entry.Digest.ToString(), entry.Approval.ReleaseDigest);
        Assert.Equal(released.Images, entry.Images);
        Assert.Contains(released.Images.Single().Value, await Skopeo(chain.Registries["prod"].Host, "inspect", "--format", "{{.Digest}}",
            $"docker://{chain.Registries["prod"].Prefix}/team/prepare:{PromotionChain.Version}"));
    }

    [Fact]
    public async Task A_ledger_entry_cut_mid_body_is_read_again_and_one_cut_every_time_is_a_coded_error_that_says_to_retry()
    {
        if (Prerequisites() is not { } builder) return;
        await using var chain = await PromotionChain.StartAsync(hostA, hostB, builder);
        chain.RecordTrainingRun("model");
        await ReleasePublisher.PublishAsync(chain.Release(), chain.Environment("dataops", engine: builder), chain.Home, builder, TextWriter.Null, default);
        var ledger = Ledger(chain, "dataops");
        var transport = chain.Transports["dataops"];
        static bool EntryBlob(HttpRequestMessage r) =>
            r.Method == HttpMethod.Get && r.RequestUri!.AbsolutePath.Contains("/mlops-releases/", StringComparison.Ordinal) && r.RequestUri.AbsolutePath.Contains("/blobs/", StringComparison.Ordinal);

        transport.DropMidBody(EntryBlob);
        Assert.Equal(PromotionChain.Version, (await ledger.ReadAsync(PromotionChain.Version))!.Version);

        for (var i = 0; i < 3; i++)
        {
            transport.DropMidBody(EntryBlob);
        }
        var error = await Assert.ThrowsAsync<RegistryException>(() => ledger.ReadAsync(PromotionChain.Version));
        Assert.Equal(ErrorCodes.Registries.OciUnreachable, error.Code);
        Assert.Contains("failed 3 times", error.Message);
        Assert.Contains("retry when the image registry", error.Message);
    }

    [Fact]
    public async Task Prod_refuses_a_release_that_reached_staging_behind_the_ledger_MLOPS2046_and_nothing_is_copied()
    {
        if (Prerequisites() is not { } builder) return;
        await using var chain = await PromotionChain.StartAsync(hostA, hostB, builder);
        chain.RecordTrainingRun("model");
        await ReleasePublisher.PublishAsync(chain.Release(), chain.Environment("dataops", engine: builder), chain.Home, builder, TextWriter.Null, default);
        await PromoteAsync(chain, "dev");
        await CopyByHandAsync(chain, "dev", "staging");

        var error = await Assert.ThrowsAsync<MlopsException>(() => ReleasePromoter.PromoteAsync(chain.Release(), chain.Environment("staging"),
            chain.Environment("prod"), TextWriter.Null, default, approval: Approver));

        Assert.Equal(ErrorCodes.Host.NotPassedInSource, error.Code);
        Assert.Contains($"staging's release ledger ({chain.Registries["staging"].Prefix}/mlops-releases/team-model) has no entry for 1.0.0", error.Message);
        AssertOnlyRead(chain, "prod");
        Assert.Empty(await chain.Environment("prod").Registries.PipelineTemplates.ListPackagesAsync());
    }

    [Fact]
    public async Task A_rollback_moves_latest_back_to_the_earlier_versions_digest_without_a_copy_and_the_ledger_records_it()
    {
        if (Prerequisites() is not { } builder) return;
        await using var chain = await PromotionChain.StartAsync(hostA, hostB, builder);
        chain.RecordTrainingRun("model");
        var next = chain.Release("1.1.0") with { PipelinesFolder = CompileAnotherBuild(chain) };
        var dataops = chain.Environment("dataops", engine: builder);
        await ReleasePublisher.PublishAsync(chain.Release(), dataops, chain.Home, builder, TextWriter.Null, default);
        await ReleasePublisher.PublishAsync(next, dataops, chain.Home, builder, TextWriter.Null, default);
        var first = await ReleasePromoter.PromoteAsync(chain.Release(), chain.Environment("dataops"), chain.Environment("dev"), TextWriter.Null, default);
        var second = await ReleasePromoter.PromoteAsync(next, chain.Environment("dataops"), chain.Environment("dev"), TextWriter.Null, default);
        Assert.NotEqual(first.Pipelines["team-scoring"], second.Pipelines["team-scoring"]);
        var dev = chain.Environment("dev");
        Assert.Equal(second.Pipelines["team-scoring"], (await Latest(dev)).ToString());

        var log = new StringWriter();
        var rollback = await ReleaseRollback.RollBackAsync(dev, "Team.Model", PromotionChain.Version, log, default);
        output.WriteLine(log.ToString());

        Assert.Equal(first.Pipelines["team-scoring"], (await Latest(dev)).ToString());
        Assert.Equal(0, chain.Transports["dev"].BlobBytesSent);
        // The only manifests written are the ledger's: no image moved.
        Assert.All(chain.Transports["dev"].Requests.Where(r => r.StartsWith("PUT", StringComparison.Ordinal)),
            r => Assert.Contains("/mlops-releases/team-model/", r));
        var live = await Ledger(chain, "dev").LiveAsync();
        Assert.Equal((LedgerEntry.Rollback, PromotionChain.Version, "1.1.0"), (live!.Kind, live.Version, live.RolledBackFrom));
        Assert.Equal(first.Pipelines, live.Pipelines);
        Assert.Equal(rollback.Digest, live.Digest);
        Assert.Equal(second.Pipelines["team-scoring"], (await Ledger(chain, "dev").ReadAsync("1.1.0"))!.Pipelines["team-scoring"]);

        var unknown = await Assert.ThrowsAsync<MlopsException>(() => ReleaseRollback.RollBackAsync(chain.Environment("dev"), "Team.Model", "0.9.0", TextWriter.Null, default));
        Assert.Equal(ErrorCodes.Host.RollbackVersionNotInLedger, unknown.Code);
        Assert.Equal(first.Pipelines["team-scoring"], (await Latest(dev)).ToString());
    }

    /// <summary>Promotes the chain's release from dataops, environment by environment, up to <paramref name="upTo"/>.</summary>
    private static async Task<Release.PublishedRelease> PromoteAsync(PromotionChain chain, string upTo, string? approval = null)
    {
        foreach (var name in PromotionChain.Names.Skip(1))
        {
            var promoted = await ReleasePromoter.PromoteAsync(chain.Release(), chain.Environment(PromotionChain.DefaultSource(name)!), chain.Environment(name),
                TextWriter.Null, default, approval: name == "prod" ? approval : null);
            if (name == upTo)
            {
                return promoted;
            }
        }
        throw new ArgumentException($"{upTo} is not in the chain", nameof(upTo));
    }

    /// <summary>What someone pushing by hand would do: the source's image, IR (pinned to the target's image) and wheel, straight into the target.</summary>
    private static async Task CopyByHandAsync(PromotionChain chain, string from, string to)
    {
        var source = chain.Environment(from);
        var target = chain.Environment(to);
        var sourceImages = (OciImageRegistry)source.Registries.Images;
        var targetImages = (OciImageRegistry)target.Registries.Images;
        var digest = (await sourceImages.TagDigestAsync("team/prepare", PromotionChain.Version))!;
        await targetImages.CopyFromAsync(sourceImages, "team/prepare", digest, PromotionChain.Version);
        var ir = await source.Registries.PipelineTemplates.GetAsync("team-scoring", PromotionChain.Version);
        var pinned = IrImagePinning.Pin(ir, "team-scoring",
            new Dictionary<string, string> { [sourceImages.Reference("team/prepare", digest).ToString()] = targetImages.Reference("team/prepare", digest).ToString() },
            requireDigests: true);
        await target.Registries.PipelineTemplates.PushAsync("team-scoring", pinned, [PromotionChain.Version, PipelineTemplateNames.LatestTag]);
        var wheel = (await source.Registries.PythonPackages.ListFilesAsync("Team-Model")).Single();
        var file = Path.Combine(chain.Work, wheel.FileName);
        await source.Registries.PythonPackages.DownloadAsync(wheel.Project, wheel.FileName, file, default);
        await target.Registries.PythonPackages.PushAsync(file);
    }

    /// <summary>The chain's pipelines compiled by another build, so that their IR, and so the version's digests, differ.</summary>
    private static string CompileAnotherBuild(PromotionChain chain)
    {
        var folder = Path.Combine(chain.Work, "bin-1.1.0", "pipelines");
        Directory.CreateDirectory(folder);
        foreach (var pipeline in new Pipelines.Pipeline[] { new TeamTraining(), new TeamScoring() })
        {
            var compiled = PipelineCompiler.Compile(pipeline, new CompileOptions { SdkVersion = "another build" }).EnsureSuccess();
            File.WriteAllText(Path.Combine(folder, compiled.Name + ".yaml"), compiled.ToYaml());
        }
        return folder;
    }

    private static async Task<ContentDigest> Latest(Environments.MlopsEnvironment environment) =>
        (await environment.Registries.PipelineTemplates.ListTagsAsync("team-scoring")).Single(t => t.Name == PipelineTemplateNames.LatestTag).Version;

    private static ReleaseLedger Ledger(PromotionChain chain, string name) =>
        ReleaseLedger.Of((OciImageRegistry)chain.Environment(name).Registries.Images, "Team.Model");

    private static void AssertOnlyRead(PromotionChain chain, string name) =>
        Assert.All(chain.Transports[name].Requests, r => Assert.True(r.StartsWith("GET", StringComparison.Ordinal) || r.StartsWith("HEAD", StringComparison.Ordinal), r));

    private static Task<string> Skopeo(AuthenticatedRegistry host, string verb, params string[] arguments) =>
        PromotionPrerequisites.SkopeoAsync(host, verb, arguments);

    private ComponentImageBuilder? Prerequisites() => engine ??= PromotionPrerequisites.Engine(output, hostA, hostB);

    public void Dispose() => engine?.Dispose();
}
