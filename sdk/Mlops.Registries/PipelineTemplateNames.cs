using Mlops.Diagnostics;
using System.Text.RegularExpressions;
using NuGet.Versioning;

namespace Mlops.Registries;

/// <summary>The rules for package names and tags that every <see cref="IPipelineTemplateRegistry"/> applies.</summary>
public static partial class PipelineTemplateNames
{
    public const string LatestTag = "latest";

    /// <summary>
    /// Lower-case letters, digits, <c>.</c> <c>_</c> <c>-</c>, starting with a letter or digit, at most 128 characters:
    /// the names KFP gives pipelines, and safe as a folder name on every file system (no two differ only by case).
    /// </summary>
    public static void ValidatePackage(string package)
    {
        if (!PackagePattern().IsMatch(package))
        {
            throw new RegistryException(ErrorCodes.Registries.InvalidPackageName,
                $"'{package}' is not a pipeline package name: use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit, " +
                "at most 128 characters (the pipeline's name, e.g. 'churn-training').");
        }
    }

    /// <summary>Letters, digits, <c>.</c> <c>_</c> <c>+</c> <c>-</c>, starting with a letter, digit or <c>_</c>, at most 128 characters; never <c>sha256:…</c>.</summary>
    public static void ValidateTag(string tag)
    {
        if (tag.StartsWith(ContentDigest.Prefix, StringComparison.Ordinal))
        {
            throw new RegistryException(ErrorCodes.Registries.InvalidTagOrDigest,
                $"Tag '{tag}' starts with '{ContentDigest.Prefix}', which names versions: choose a tag such as '1.4.2' or 'latest'.");
        }
        if (!TagPattern().IsMatch(tag))
        {
            throw new RegistryException(ErrorCodes.Registries.InvalidTagOrDigest,
                $"'{tag}' is not a tag: use letters, digits, '.', '_', '+' and '-', starting with a letter, digit or '_', at most 128 characters (e.g. '1.4.2', 'latest').");
        }
    }

    /// <summary>A tag that names a release (a SemVer 2.0 version such as <c>1.4.2</c> or <c>2.0.0-rc.1</c>), which never moves once set.</summary>
    public static bool IsVersionTag(string tag) => SemanticVersion.TryParse(tag, out _);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,127}$")]
    private static partial Regex PackagePattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._+-]{0,127}$")]
    private static partial Regex TagPattern();
}
