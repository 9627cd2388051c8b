using Mlops.Registries;
using NuGet.Versioning;

namespace Mlops.Restore;

/// <summary>A version tag of a pipeline package and the IR version (digest) it points at.</summary>
public sealed record PublishedVersion(NuGetVersion Version, string Tag, ContentDigest Digest);

/// <summary>
/// Picks the version of a pipeline package that a NuGet version range asks for, with NuGet's own rules
/// (<see cref="VersionRange.FindBestMatch"/>): the lowest version that satisfies a plain range, the highest for a floating
/// one (<c>1.4.*</c>), and pre-releases only when the range asks for them (a pre-release bound, or <c>*-*</c>/<c>1.0.0-*</c>).
/// Only version tags count (<see cref="PipelineTemplateNames.IsVersionTag"/>, immutable once published); <c>latest</c> and
/// other moving tags are ignored.
/// </summary>
public static class VersionSelector
{
    public static IReadOnlyList<PublishedVersion> Versions(IEnumerable<PipelineTemplateTag> tags)
    {
        var versions = new List<PublishedVersion>();
        foreach (var tag in tags.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            // 1.0.0+a and 1.0.0+b are the same NuGet version: the first tag (by name) stands for it.
            if (PipelineTemplateNames.IsVersionTag(tag.Name) && NuGetVersion.TryParse(tag.Name, out var version)
                && !versions.Any(v => v.Version == version))
            {
                versions.Add(new PublishedVersion(version, tag.Name, tag.Version));
            }
        }
        versions.Sort((a, b) => a.Version.CompareTo(b.Version));
        return versions;
    }

    public static PublishedVersion? Select(VersionRange range, IReadOnlyList<PublishedVersion> versions)
    {
        var best = range.FindBestMatch(versions.Select(v => v.Version));
        return best is null ? null : versions.First(v => v.Version == best);
    }

    /// <summary>"1.3.0, 1.4.0-rc.1, 2.0.0", for messages.</summary>
    public static string List(IReadOnlyList<PublishedVersion> versions) =>
        versions.Count == 0 ? "none" : string.Join(", ", versions.Select(v => v.Tag));
}
