using System.Security.Cryptography;
using System.Text;
using Mlops.Diagnostics;
using Mlops.Environments;
using Mlops.Pipelines.Compiler;
using Mlops.Publishing.Images;
using Mlops.Publishing.Promotion;
using Mlops.Publishing.Release;

namespace Mlops.Publishing.Tests.Promotion;

/// <summary>
/// Train once in dataops, promote the same bytes: a release published to dataops goes on to dev (same registry host:
/// mounted), staging (another host, over TLS: streamed) and prod (staging's host: mounted) with no container engine;
/// skopeo and the registries' own storage show one digest per image everywhere, and the wheel keeps its sha256.
/// </summary>
public sealed class PromotionTests(ITestOutputHelper output, AuthenticatedRegistry hostA, TlsRegistry hostB)
    : IClassFixture<AuthenticatedRegistry>, IClassFixture<TlsRegistry>, IDisposable
{
    private ComponentImageBuilder? engine;

    [Fact]
    public async Task A_release_trained_in_dataops_reaches_prod_with_the_same_image_digests_and_wheel_mounted_on_one_host_streamed_across()
    {
        if (Prerequisites() is not { } builder) return;
        await using var chain = await PromotionChain.StartAsync(hostA, hostB, builder);
        chain.RecordTrainingRun("the model bytes");
        var release = chain.Release();
        var released = new Dictionary<string, PublishedRelease>(StringComparer.Ordinal)
        {
            ["dataops"] = await ReleasePublisher.PublishAsync(release, chain.Environment("dataops", engine: builder), chain.Home, builder, TextWriter.Null, default),
        };

        var sent = new Dictionary<string, CountingTransport>(StringComparer.Ordinal);
        foreach (var (from, to) in new[] { ("dataops", "dev"), ("dev", "staging"), ("staging", "prod") })
        {
            var log = new StringWriter();
            var source = chain.Environment(from);
            var target = chain.Environment(to);
            sent[to] = chain.Transports[to];
            released[to] = await ReleasePromoter.PromoteAsync(chain.Release(), source, target, log, default, approval: to == "prod" ? "release-manager" : null);
            output.WriteLine(log.ToString());
            Assert.Contains("pipeline team-training is not promoted: it trains a model", log.ToString());
        }

        var dataops = released["dataops"];
        var prepare = dataops.Images.Single(i => i.Key.EndsWith("/team/prepare", StringComparison.Ordinal)).Value;
        var wheel = Assert.Single(dataops.Wheels);
        foreach (var name in PromotionChain.Names.Skip(1))
        {
            var promoted = released[name];
            var (host, prefix) = chain.Registries[name];
            // Only what the environment runs: the scoring pipeline and its image; training stays in dataops.
            Assert.Equal([$"{prefix}/team/prepare"], promoted.Images.Keys);
            Assert.Equal(prepare, promoted.Images[$"{prefix}/team/prepare"]);
            Assert.Equal(["team-scoring"], promoted.Pipelines.Keys);
            Assert.Equal(wheel, Assert.Single(promoted.Wheels));
            Assert.Equal(prepare, await SkopeoDigest(host, $"{prefix}/team/prepare:{PromotionChain.Version}"));
            Assert.Equal(ContentDigest.Parse(prepare).Hex, Sha256(File.ReadAllBytes(host.BlobFile(ContentDigest.Parse(prepare)))));
            var ir = Encoding.UTF8.GetString(await chain.Environment(name).Registries.PipelineTemplates.GetAsync("team-scoring", PromotionChain.Version));
            Assert.Contains($"{prefix}/team/prepare@{prepare}", ir);
            Assert.DoesNotContain(chain.Registries["dataops"].Prefix, ir);
        }
        Assert.Equal(0, sent["dev"].BlobBytesSent);
        Assert.True(sent["staging"].BlobBytesSent > 0);
        Assert.Equal(0, sent["prod"].BlobBytesSent);
        Assert.Contains(sent["dev"].Requests, r => r.StartsWith("POST", StringComparison.Ordinal) && r.Contains("/blobs/uploads/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rerun_of_a_promotion_copies_nothing_and_reports_the_same_release()
    {
        if (Prerequisites() is not { } builder) return;
        await using var chain = await PromotionChain.StartAsync(hostA, hostB, builder);
        chain.RecordTrainingRun("model");
        await ReleasePublisher.PublishAsync(chain.Release(), chain.Environment("dataops", engine: builder), chain.Home, builder, TextWriter.Null, default);
        await ReleasePromoter.PromoteAsync(chain.Release(), chain.Environment("dataops"), chain.Environment("dev"), TextWriter.Null, default);
        var first = await ReleasePromoter.PromoteAsync(chain.Release(), chain.Environment("dev"), chain.Environment("staging"), TextWriter.Null, default);

        var again = await ReleasePromoter.PromoteAsync(chain.Release(), chain.Environment("dev"), chain.Environment("staging"), TextWriter.Null, default);

        Assert.Equal(first.Images, again.Images);
        Assert.Equal(first.Pipelines, again.Pipelines);
        Assert.Equal(first.Wheels, again.Wheels);
        Assert.Equal(0, chain.Transports["staging"].BlobBytesSent);
        Assert.DoesNotContain(chain.Transports["staging"].Requests, r => r.StartsWith("PATCH", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_version_the_source_does_not_hold_is_MLOPS2040_and_nothing_is_copied()
    {
        if (Prerequisites() is not { } builder) return;
        await using var chain = await PromotionChain.StartAsync(hostA, hostB, builder);
        await ReleasePublisher.PublishAsync(chain.Release(), chain.Environment("dataops", engine: builder), chain.Home, builder, TextWriter.Null, default);
        var dev = chain.Environment("dev");

        var error = await Assert.ThrowsAsync<MlopsException>(() =>
            ReleasePromoter.PromoteAsync(chain.Release("2.0.0"), chain.Environment("dataops"), dev, TextWriter.Null, default));

        Assert.Equal(ErrorCodes.Host.ReleaseNotInSource, error.Code);
        Assert.Contains("dataops holds no release 2.0.0 of team-scoring (", error.Message);
        Assert.Empty(await dev.Registries.PipelineTemplates.ListPackagesAsync());
        Assert.All(chain.Transports["dev"].Requests, r => Assert.True(r.StartsWith("GET", StringComparison.Ordinal) || r.StartsWith("HEAD", StringComparison.Ordinal), r));
    }

    [Fact]
    public async Task A_target_holding_the_version_with_other_bytes_is_MLOPS2041_naming_both_digests_and_nothing_is_copied()
    {
        if (Prerequisites() is not { } builder) return;
        await using var chain = await PromotionChain.StartAsync(hostA, hostB, builder);
        await ReleasePublisher.PublishAsync(chain.Release(), chain.Environment("dataops", engine: builder), chain.Home, builder, TextWriter.Null, default);
        var dev = chain.Environment("dev");
        var otherBuild = PipelineCompiler.Compile(new TeamScoring(), new CompileOptions { SdkVersion = "another build" }).EnsureSuccess().ToYaml();
        var other = await dev.Registries.PipelineTemplates.PushAsync("team-scoring", Encoding.UTF8.GetBytes(otherBuild), [PromotionChain.Version]);
        chain.Transports["dev"].Requests.Clear();

        var error = await Assert.ThrowsAsync<MlopsException>(() =>
            ReleasePromoter.PromoteAsync(chain.Release(), chain.Environment("dataops"), dev, TextWriter.Null, default));

        Assert.Equal(ErrorCodes.Host.PromotionConflict, error.Code);
        Assert.Contains($"pipeline team-scoring 1.0.0 is {other} in dev", error.Message);
        Assert.Contains("nothing was copied", error.Message);
        Assert.All(chain.Transports["dev"].Requests, r => Assert.True(r.StartsWith("GET", StringComparison.Ordinal) || r.StartsWith("HEAD", StringComparison.Ordinal), r));
        Assert.Empty(await dev.Registries.PythonPackages.ListProjectsAsync());
    }

    [Fact]
    public async Task A_fresh_publish_of_a_training_release_to_an_environment_that_neither_trains_nor_promotes_is_MLOPS2043()
    {
        if (Prerequisites() is not { } builder) return;
        await using var chain = await PromotionChain.StartAsync(hostA, hostB, builder);
        chain.RecordTrainingRun("model");
        var dev = chain.Environment("dev", training: false, promotesFrom: null, engine: builder);

        var error = await Assert.ThrowsAsync<MlopsException>(() =>
            ReleasePublisher.PublishAsync(chain.Release(), dev, chain.Home, builder, TextWriter.Null, default));

        Assert.Equal(ErrorCodes.Host.TrainingOutsideTrainingEnvironment, error.Code);
        Assert.Contains("team-training trains a model, and dev does not train", error.Message);
        Assert.Empty(chain.Transports["dev"].Requests);
    }

    private static Task<string> SkopeoDigest(AuthenticatedRegistry host, string reference) =>
        PromotionPrerequisites.SkopeoAsync(host, "inspect", "--format", "{{.Digest}}", $"docker://{reference}");

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private ComponentImageBuilder? Prerequisites() => engine ??= PromotionPrerequisites.Engine(output, hostA, hostB);

    public void Dispose() => engine?.Dispose();
}
