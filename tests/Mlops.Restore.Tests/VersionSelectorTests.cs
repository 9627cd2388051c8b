using System.Text;
using Mlops.Registries;
using NuGet.Versioning;

namespace Mlops.Restore.Tests;

/// <summary>Ranges resolve as NuGet resolves a PackageReference's Version against a feed's versions.</summary>
public sealed class VersionSelectorTests
{
    private static readonly string[] Published = ["1.3.0", "1.4.0", "1.4.2", "1.4.3-rc.1", "1.5.0-beta.1", "1.5.0-beta.2", "1.5.0", "2.0.0-rc.1", "latest", "stable", "v3"];

    [Theory]
    [InlineData("1.4.*", "1.4.2")]            // floating: the highest 1.4.x, stable only
    [InlineData("1.4.2", "1.4.2")]            // a minimum: the lowest version that satisfies it
    [InlineData("1.4.1", "1.4.2")]
    [InlineData("[1.4.0, 1.5.0)", "1.4.0")]   // a plain range: the lowest in it
    [InlineData("[1.4.2]", "1.4.2")]          // exact
    [InlineData("(1.4.0, 1.5.0)", "1.4.2")]   // exclusive lower bound; 1.4.3-rc.1 is a pre-release, not asked for
    [InlineData("1.*", "1.5.0")]
    [InlineData("*", "1.5.0")]                // 2.0.0-rc.1 is a pre-release
    [InlineData("1.5.0-*", "1.5.0")]          // floating pre-release: the highest 1.5.0 pre-release, or 1.5.0 itself
    [InlineData("1.5.0-beta.*", "1.5.0")]     // NuGet: a floating pre-release also takes the release once it exists
    [InlineData("2.0.0-rc.*", "2.0.0-rc.1")]
    [InlineData("[1.5.0-beta.1, )", "1.5.0-beta.1")] // a pre-release lower bound allows pre-releases
    [InlineData("*-*", "2.0.0-rc.1")]        // the newest of all
    [InlineData("2.0.0-*", "2.0.0-rc.1")]
    public void A_range_picks_the_version_NuGet_would(string range, string expected)
    {
        var picked = VersionSelector.Select(VersionRange.Parse(range), VersionSelector.Versions(Tags(Published)));

        Assert.NotNull(picked);
        Assert.Equal(expected, picked.Tag);
        Assert.Equal(Digest(expected), picked.Digest);
    }

    [Theory]
    [InlineData("2.*")]          // only 2.0.0-rc.1, a pre-release the range does not ask for
    [InlineData("[3.0.0, )")]
    [InlineData("[1.4.1]")]
    public void A_range_no_published_version_satisfies_picks_nothing(string range) =>
        Assert.Null(VersionSelector.Select(VersionRange.Parse(range), VersionSelector.Versions(Tags(Published))));

    [Fact]
    public void Only_version_tags_count_and_they_are_listed_in_version_order()
    {
        var versions = VersionSelector.Versions(Tags(["latest", "1.10.0", "1.9.0", "v2", "1.9.0-rc.1", "1.0", "2"]));

        Assert.Equal("1.9.0-rc.1, 1.9.0, 1.10.0", VersionSelector.List(versions));
        Assert.Equal("none", VersionSelector.List([]));
    }

    private static IEnumerable<PipelineTemplateTag> Tags(IEnumerable<string> names) => names.Select(n => new PipelineTemplateTag(n, Digest(n)));

    private static ContentDigest Digest(string tag) => ContentDigest.Compute(Encoding.UTF8.GetBytes(tag));
}
