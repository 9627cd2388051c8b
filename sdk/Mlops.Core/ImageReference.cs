using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Mlops;

/// <summary>
/// A container image reference, <c>[registry/]repository[:tag][@sha256:digest]</c>, by the grammar of the OCI
/// distribution reference (as docker and skopeo read it): the first path component is the registry when it holds a
/// '.' or a ':' or is <c>localhost</c>.
/// </summary>
public sealed partial record ImageReference
{
    private ImageReference(string? registry, string repository, string? tag, ContentDigest? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry host (and port), or null for the engine's default registry.</summary>
    public string? Registry { get; }

    /// <summary>The repository path within the registry, e.g. <c>acme/churn/train</c>.</summary>
    public string Repository { get; }

    public string? Tag { get; }

    public ContentDigest? Digest { get; }

    /// <summary>Registry and repository, without tag or digest.</summary>
    public string Name => Registry is null ? Repository : $"{Registry}/{Repository}";

    /// <summary>True when the reference names its content (a digest), not a tag that can move.</summary>
    public bool IsPinned => Digest is not null;

    /// <summary>True when the reference says which image it means: a tag or a digest.</summary>
    public bool IsQualified => Tag is not null || Digest is not null;

    /// <summary>The same image pinned by <paramref name="digest"/>: <c>name@sha256:…</c>, without the tag.</summary>
    public ImageReference PinnedTo(ContentDigest digest) => new(Registry, Repository, null, digest);

    public static ImageReference Parse(string text) =>
        TryParse(text, out var reference) ? reference : throw new FormatException($"'{text}' is not an image reference.");

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out ImageReference? reference)
    {
        reference = null;
        if (string.IsNullOrEmpty(text) || text.Length > 4096)
        {
            return false;
        }
        ContentDigest? digest = null;
        var at = text.IndexOf('@');
        var name = text;
        if (at >= 0)
        {
            if (!ContentDigest.TryParse(text[(at + 1)..], out var parsed))
            {
                return false;
            }
            digest = parsed;
            name = text[..at];
        }
        string? tag = null;
        var colon = name.LastIndexOf(':');
        if (colon > name.LastIndexOf('/'))
        {
            tag = name[(colon + 1)..];
            name = name[..colon];
            if (!IsValidTag(tag))
            {
                return false;
            }
        }
        string? registry = null;
        var slash = name.IndexOf('/');
        if (slash > 0 && IsRegistry(name[..slash]))
        {
            registry = name[..slash];
            name = name[(slash + 1)..];
            if (!RegistryPattern().IsMatch(registry))
            {
                return false;
            }
        }
        if (!RepositoryPattern().IsMatch(name))
        {
            return false;
        }
        reference = new ImageReference(registry, name, tag, digest);
        return true;
    }

    /// <summary>True for <c>[registry/]repository</c> without tag or digest: a prefix of component image names.</summary>
    public static bool IsValidRepositoryPrefix(string text) =>
        TryParse(text, out var reference) && !reference.IsQualified;

    public static bool IsValidTag(string tag) => TagPattern().IsMatch(tag);

    public override string ToString() =>
        Name + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    private static bool IsRegistry(string component) =>
        component.Contains('.') || component.Contains(':') || component == "localhost";

    [GeneratedRegex(@"^[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*(?::[0-9]+)?$")]
    private static partial Regex RegistryPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();
}
