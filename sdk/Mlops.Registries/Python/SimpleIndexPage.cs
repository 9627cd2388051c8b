using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mlops.Registries.Python;

/// <summary>Reads the pages of a "simple" repository: PEP 691 JSON or PEP 503 HTML, whichever the server chose to answer.</summary>
internal static partial class SimpleIndexPage
{
    public const string JsonMediaType = "application/vnd.pypi.simple.v1+json";

    /// <summary>The Accept header pip sends: JSON preferred, HTML accepted.</summary>
    public const string Accept = JsonMediaType + ", text/html;q=0.1";

    public static IEnumerable<string> ProjectNames(string page, string? mediaType)
    {
        if (IsJson(mediaType))
        {
            using var document = JsonDocument.Parse(page);
            return document.RootElement.GetProperty("projects").EnumerateArray()
                .Select(p => p.GetProperty("name").GetString() ?? "").Where(n => n.Length > 0).ToList();
        }
        return Anchors().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups["text"].Value).Trim()).Where(n => n.Length > 0).ToList();
    }

    /// <summary>
    /// The files a project page links to: name, the sha256 its hash fragment or <c>hashes</c> gives (null when it gives
    /// none), and the link as written (relative to the page's URL, hash fragment removed).
    /// </summary>
    public static IEnumerable<(string FileName, string? Sha256, string Href)> Files(string page, string? mediaType)
    {
        if (IsJson(mediaType))
        {
            using var document = JsonDocument.Parse(page);
            return document.RootElement.GetProperty("files").EnumerateArray().Select(f =>
                (f.GetProperty("filename").GetString() ?? "",
                 f.TryGetProperty("hashes", out var hashes) && hashes.TryGetProperty("sha256", out var sha) ? sha.GetString() : null,
                 WithoutFragment(f.TryGetProperty("url", out var url) ? url.GetString() ?? "" : ""))).ToList();
        }
        var files = new List<(string, string?, string)>();
        foreach (Match match in Anchors().Matches(page))
        {
            var href = WebUtility.HtmlDecode(match.Groups["href"].Value);
            var hash = href.IndexOf('#');
            var fragment = hash >= 0 ? href[(hash + 1)..] : "";
            var path = hash >= 0 ? href[..hash] : href;
            var query = path.IndexOf('?');
            if (query >= 0) path = path[..query];
            var name = Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
            string? sha256 = fragment.StartsWith("sha256=", StringComparison.Ordinal) ? fragment["sha256=".Length..].ToLowerInvariant() : null;
            if (name.Length > 0) files.Add((name, sha256, WithoutFragment(href)));
        }
        return files;
    }

    private static string WithoutFragment(string href) => href.IndexOf('#') is var hash and >= 0 ? href[..hash] : href;

    private static bool IsJson(string? mediaType) => mediaType is not null && mediaType.Contains("json", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("""<a\s[^>]*?href\s*=\s*["'](?<href>[^"']*)["'][^>]*>(?<text>.*?)</a>""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Anchors();
}
