using Mlops.Diagnostics;
using Mlops.Environments;
using Mlops.Pipelines;
using Mlops.Pipelines.Compiler;
using Mlops.Publishing.Images;
using Mlops.Publishing.Ledger;
using Mlops.Publishing.Release;
using Mlops.Publishing.Tests.Promotion;
using Mlops.Registries;

namespace Mlops.Publishing.Tests.Publish;

/// <summary>
/// Two publishes of one release version to one environment at once (dataops of the promotion chain: the real
/// registry, the KFP-format and Python contract servers). With the same content both succeed with one release, one of
/// them having had nothing left to do; with other content for the same version one wins and the other is refused by
/// immutability with a coded error that says to bump the version. Either way every tag then names bytes that hash to
/// the digest, the ledger records that release, and a rerun writes nothing.
/// </summary>
public sealed class ConcurrentPublishTests(ITestOutputHelper output, AuthenticatedRegistry hostA, TlsRegistry hostB)
    : IClassFixture<AuthenticatedRegistry>, IClassFixture<TlsRegistry>, IDisposable
{
    private const string Environment = "dataops";
    private ComponentImageBuilder? engine;

    [Fact]
    public async Task Two_publishes_of_the_same_release_at_once_both_report_the_one_release_the_registries_hold_and_a_rerun_writes_nothing()
    {
        if ((engine ??= PromotionPrerequisites.Engine(output, hostA, hostB)) is not { } builder) return;
        await using var chain = await PromotionChain.StartAsync(hostA, hostB, builder);
        chain.RecordTrainingRun("the model bytes");

        var (first, second) = await BothAsync(chain, builder, chain.Release(), chain.Release());

        Assert.True(first is PublishedRelease, first.ToString());
        Assert.True(second is PublishedRelease, second.ToString());
        var (one, other) = ((PublishedRelease)first, (PublishedRelease)second);
        Assert.Equal(one.Images, other.Images);
        Assert.Equal(one.Pipelines, other.Pipelines);
        Assert.Equal(one.Wheels, other.Wheels);
        await AssertHoldsAsync(chain, one);
        await AssertRerunWritesNothingAsync(chain, builder, chain.Release(), one);
    }

    [Fact]
    public async Task Two_publishes_of_one_version_with_other_pipelines_at_once_are_one_release_and_a_MLOPS3001_that_says_to_bump_the_version()
    {
        if ((engine ??= PromotionPrerequisites.Engine(output, hostA, hostB)) is not { } builder) return;
        await using var chain = await PromotionChain.StartAsync(hostA, hostB, builder);
        chain.RecordTrainingRun("the model bytes");
        var ours = chain.Release();
        var theirs = chain.Release() with { PipelinesFolder = CompiledElsewhere(chain) };

        var (first, second) = await BothAsync(chain, builder, ours, theirs);

        var outcomes = new[] { (Release: ours, Outcome: first), (Release: theirs, Outcome: second) };
        var won = Assert.Single(outcomes, o => o.Outcome is PublishedRelease);
        var lost = Assert.Single(outcomes, o => o.Outcome is not PublishedRelease);
        Assert.True(lost.Outcome is MlopsException, lost.Outcome.ToString());
        var refused = (MlopsException)lost.Outcome;
        Assert.True(refused.Code == ErrorCodes.Registries.TemplateVersionImmutable, refused.ToString());
        Assert.Contains("bump the project's Version", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(PromotionChain.Version, refused.Message);
        var published = (PublishedRelease)won.Outcome;
        await AssertHoldsAsync(chain, published);
        await AssertRerunWritesNothingAsync(chain, builder, won.Release with { WorkFolder = chain.Release().WorkFolder }, published);

        chain.Transports.Clear();
        var again = await Assert.ThrowsAsync<MlopsException>(() =>
            ReleasePublisher.PublishAsync(lost.Release with { WorkFolder = chain.Release().WorkFolder }, chain.Environment(Environment, engine: builder), chain.Home, builder,
                TextWriter.Null, default));
        Assert.Equal(ErrorCodes.Registries.TemplateVersionImmutable, again.Code);
        Assert.Contains("nothing was published", again.Message);
        await AssertHoldsAsync(chain, published);
    }

    /// <summary>Both publishes, started together, each on its own connection to the environment; each one's result or error.</summary>
    private static async Task<(object First, object Second)> BothAsync(PromotionChain chain, ComponentImageBuilder builder, ProjectRelease first, ProjectRelease second)
    {
        var environments = new[] { chain.Environment(Environment, engine: builder), chain.Environment(Environment, engine: builder) };
        var outcomes = await Task.WhenAll(new[] { first, second }.Select((release, i) => OutcomeAsync(release, environments[i], chain.Home, builder)));
        return (outcomes[0], outcomes[1]);
    }

    private static async Task<object> OutcomeAsync(ProjectRelease release, MlopsEnvironment environment, MlopsHome home, ComponentImageBuilder builder)
    {
        await Task.Yield();
        try
        {
            return await ReleasePublisher.PublishAsync(release, environment, home, builder, TextWriter.Null, default);
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>Every tag of the release names what <paramref name="release"/> reports, those bytes hash to it, and the ledger's entry (version and live) records it.</summary>
    private static async Task AssertHoldsAsync(PromotionChain chain, PublishedRelease release)
    {
        var environment = chain.Environment(Environment);
        var templates = environment.Registries.PipelineTemplates;
        foreach (var (name, digest) in release.Pipelines)
        {
            var tags = await templates.ListTagsAsync(name);
            Assert.Equal(digest, tags.Single(t => t.Name == PromotionChain.Version).Version.ToString());
            Assert.Equal(digest, tags.Single(t => t.Name == PipelineTemplateNames.LatestTag).Version.ToString());
            Assert.Equal(digest, ContentDigest.Compute(await templates.GetAsync(name, PromotionChain.Version)).ToString());
        }
        var images = (OciImageRegistry)environment.Registries.Images;
        foreach (var (repository, digest) in release.Images)
        {
            Assert.Equal(digest, (await images.TagDigestAsync(images.RelativeRepository(ImageReference.Parse(repository + "@" + digest))!, PromotionChain.Version))?.ToString());
        }
        var wheels = await environment.Registries.PythonPackages.ListFilesAsync("team-model");
        Assert.Equal(release.Wheels, wheels.ToDictionary(w => w.FileName, w => ContentDigest.Prefix + w.Sha256));
        var ledger = ReleaseLedger.Of(images, "Team.Model");
        var recorded = await ledger.ReadAsync(PromotionChain.Version);
        var live = await ledger.LiveAsync();
        var expected = ReleaseDigest.Of(release.Pipelines, release.Images, release.Wheels);
        Assert.Equal((PromotionChain.Version, expected), (recorded!.Version, recorded.Digest));
        Assert.Equal((PromotionChain.Version, expected), (live!.Version, live.Digest));
    }

    /// <summary>The same release published again reports the same digests and sends the registries nothing but reads.</summary>
    private static async Task AssertRerunWritesNothingAsync(PromotionChain chain, ComponentImageBuilder builder, ProjectRelease release, PublishedRelease published)
    {
        var pipelineWrites = PipelineWrites(chain);
        var again = await ReleasePublisher.PublishAsync(release, chain.Environment(Environment, engine: builder), chain.Home, builder, TextWriter.Null, default);

        Assert.Equal(published.Images, again.Images);
        Assert.Equal(published.Pipelines, again.Pipelines);
        Assert.Equal(published.Wheels, again.Wheels);
        Assert.All(chain.Transports[Environment].Requests, r => Assert.True(r.StartsWith("GET", StringComparison.Ordinal) || r.StartsWith("HEAD", StringComparison.Ordinal), r));
        Assert.Equal(pipelineWrites, PipelineWrites(chain));
    }

    private static int PipelineWrites(PromotionChain chain) => chain.PipelineRequests.Count(r => r.Method is "POST" or "PATCH" or "PUT" or "DELETE");

    /// <summary>The chain's pipelines compiled by another build: the same names and images, other IR.</summary>
    private static string CompiledElsewhere(PromotionChain chain)
    {
        var folder = Path.Combine(chain.Work, "elsewhere", "pipelines");
        Directory.CreateDirectory(folder);
        foreach (var pipeline in new Pipeline[] { new TeamTraining(), new TeamScoring() })
        {
            var compiled = PipelineCompiler.Compile(pipeline, new CompileOptions { SdkVersion = "another build" }).EnsureSuccess();
            File.WriteAllText(Path.Combine(folder, compiled.Name + ".yaml"), compiled.ToYaml());
        }
        return folder;
    }

    public void Dispose() => engine?.Dispose();
}
