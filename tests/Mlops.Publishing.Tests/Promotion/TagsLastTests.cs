using Mlops.Publishing.Images;

namespace Mlops.Publishing.Tests.Promotion;

/// <summary>A fresh publish of a release of two pipelines moves no tag until both pipelines' bytes are in the registry.</summary>
public sealed class TagsLastTests(ITestOutputHelper output, AuthenticatedRegistry hostA, TlsRegistry hostB)
    : IClassFixture<AuthenticatedRegistry>, IClassFixture<TlsRegistry>, IDisposable
{
    private ComponentImageBuilder? engine;

    [Fact]
    public async Task Every_pipeline_is_uploaded_before_the_first_tag_moves()
    {
        if ((engine ??= PromotionPrerequisites.Engine(output, hostA, hostB)) is not { } builder) return;
        await using var chain = await PromotionChain.StartAsync(hostA, hostB, builder);

        await ReleasePublisher.PublishAsync(chain.Release(), chain.Environment("dataops", engine: builder), chain.Home, builder, TextWriter.Null, default);

        var writes = chain.PipelineRequests.Where(r => r.Method == "POST").Select(r => r.PathAndQuery).ToList();
        var firstTag = writes.FindIndex(path => path.Contains("/tags", StringComparison.Ordinal));
        Assert.True(firstTag > 0, string.Join("\n", writes));
        // Both pipelines' uploads (multipart POSTs to the repository) come before any tag.
        Assert.True(writes.Take(firstTag).Count(path => !path.Contains("/tags", StringComparison.Ordinal)) >= 2, string.Join("\n", writes));
        Assert.Equal(4, writes.Count(path => path.Contains("/tags", StringComparison.Ordinal)));
    }

    public void Dispose() => engine?.Dispose();
}
