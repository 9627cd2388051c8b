using Mlops.Diagnostics;
using System.Text.RegularExpressions;
using NuGet.Versioning;

namespace Mlops.Packaging;

/// <summary>
/// A project's version (SemVer, as .NET projects write it) as a Python package version (PEP 440, normalized).
/// <list type="bullet">
/// <item><c>1.2.3</c> → <c>1.2.3</c>; <c>1.2.3.4</c> → <c>1.2.3.4</c></item>
/// <item>pre-releases, the label optionally followed by a number, as <c>-label.N</c> or <c>-labelN</c>:
/// <c>alpha</c>/<c>a</c> → <c>aN</c>, <c>beta</c>/<c>b</c> → <c>bN</c>, <c>rc</c>/<c>c</c>/<c>pre</c>/<c>preview</c> → <c>rcN</c>,
/// <c>dev</c> → <c>.devN</c>; no number means 0 (<c>1.0.0-beta.1</c> → <c>1.0.0b1</c>, <c>2.0.0-rc</c> → <c>2.0.0rc0</c>)</item>
/// <item>build metadata becomes a local version: <c>1.0.0+abc.1</c> → <c>1.0.0+abc.1</c></item>
/// <item>a version that already is a normalized PEP 440 version is kept (<c>1.0.0b1</c>, <c>1.0.post1</c>)</item>
/// </list>
/// Other pre-release labels (<c>1.0.0-ci.7</c>) have no PEP 440 meaning and are refused.
/// </summary>
public static partial class Pep440Version
{
    public static string FromProjectVersion(string version)
    {
        if (NormalizedPep440().IsMatch(version))
        {
            return version;
        }
        if (!NuGetVersion.TryParse(version, out var parsed))
        {
            throw NotConvertible(version, "it is neither a SemVer version nor a PEP 440 version");
        }
        var release = $"{parsed.Major}.{parsed.Minor}.{parsed.Patch}" + (parsed.Revision != 0 ? $".{parsed.Revision}" : "");
        return release + PreRelease(version, parsed) + Local(parsed);
    }

    private static string PreRelease(string version, NuGetVersion parsed)
    {
        var labels = parsed.ReleaseLabels.ToList();
        if (labels.Count == 0)
        {
            return "";
        }
        var match = PreReleaseLabel().Match(labels[0]);
        if (!match.Success || labels.Count > 2 || (labels.Count == 2 && (match.Groups["n"].Length > 0 || !labels[1].All(char.IsAsciiDigit))))
        {
            throw NotConvertible(version, $"its pre-release part '{parsed.Release}' is not one of alpha, beta, rc, preview or dev, optionally with a number");
        }
        var number = match.Groups["n"].Length > 0 ? match.Groups["n"].Value : labels.Count == 2 ? labels[1] : "0";
        number = number.TrimStart('0') is { Length: > 0 } trimmed ? trimmed : "0";
        return match.Groups["label"].Value.ToLowerInvariant() switch
        {
            "alpha" or "a" => "a" + number,
            "beta" or "b" => "b" + number,
            "dev" => ".dev" + number,
            _ => "rc" + number,
        };
    }

    private static string Local(NuGetVersion parsed) =>
        parsed.HasMetadata ? "+" + LocalSeparators().Replace(parsed.Metadata.ToLowerInvariant(), ".") : "";

    private static PackagingException NotConvertible(string version, string why) =>
        new(ErrorCodes.Packaging.VersionNotPep440,
            $"Version '{version}' cannot be a Python package version: {why}. Use MAJOR.MINOR.PATCH with an optional pre-release " +
            "-alpha.N, -beta.N, -rc.N, -preview.N or -dev.N (e.g. 1.0.0-beta.1, which becomes 1.0.0b1).");

    [GeneratedRegex(@"^(?<label>alpha|a|beta|b|rc|c|preview|pre|dev)(?<n>\d*)$", RegexOptions.IgnoreCase)]
    private static partial Regex PreReleaseLabel();

    [GeneratedRegex("[-_]")]
    private static partial Regex LocalSeparators();

    [GeneratedRegex(@"^(\d+!)?\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?(\+[a-z0-9]+(\.[a-z0-9]+)*)?$")]
    private static partial Regex NormalizedPep440();
}
