using System.Text.RegularExpressions;
using Mlops.Diagnostics;

namespace Mlops.Core.Tests;

/// <summary>The one catalog of codes against the sources that raise them and the docs that explain them.</summary>
public sealed partial class ErrorCatalogTests
{
    private static readonly IReadOnlyList<(string Area, string Name, string Code)> Catalog = ErrorCodes.All();

    [Fact]
    public void Every_code_is_defined_once_in_the_range_of_its_area()
    {
        Assert.NotEmpty(Catalog);
        var duplicates = Catalog.GroupBy(c => c.Code).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(c => $"{c.Area}.{c.Name}"))}");
        AssertNone(duplicates);
        var prefixes = new Dictionary<string, string>
        {
            ["Sdk"] = "MLOPS0", ["Pipelines"] = "MLOPS1", ["Host"] = "MLOPS2", ["Registries"] = "MLOPS30", ["Packaging"] = "MLOPS31", ["Restore"] = "MLOPS4", ["Environments"] = "MLOPS5",
            ["Vertex"] = "MLOPS6", ["KfpBackend"] = "MLOPS6", ["Storage"] = "MLOPS6", ["Runs"] = "MLOPS6",
        };
        var outOfRange = Catalog.Where(c => !CodePattern().IsMatch(c.Code) || !c.Code.StartsWith(prefixes[c.Area], StringComparison.Ordinal));
        AssertNone(outOfRange.Select(c => $"{c.Area}.{c.Name} = {c.Code}"));
    }

    [Fact]
    public void Every_code_has_one_section_in_the_page_of_its_range()
    {
        var missing = new List<string>();
        foreach (var (area, name, code) in Catalog)
        {
            var page = Path.Combine(RepositoryTree.Root, "docs", ErrorCodes.DocsPage(code)!);
            var anchors = Regex.Matches(File.ReadAllText(page), $"<a id=\"{ErrorCodes.Anchor(code)}\"></a>").Count;
            if (anchors != 1)
            {
                missing.Add($"{code} ({area}.{name}): {anchors} sections with <a id=\"{ErrorCodes.Anchor(code)}\"></a> in docs/{Path.GetFileName(page)}");
            }
        }
        AssertNone(missing);
    }

    [Fact]
    public void Every_documented_code_is_in_the_catalog()
    {
        var known = Catalog.Select(c => c.Code).ToHashSet();
        var stale = RepositoryTree.Files("docs", "diagnostics*.md")
            .SelectMany(page => AnchorPattern().Matches(File.ReadAllText(page)).Select(m => $"{m.Groups[1].Value.ToUpperInvariant()} in docs/{Path.GetFileName(page)}"))
            .Where(entry => !known.Contains(entry[..9]));
        AssertNone(stale);
    }

    [Fact]
    public void Every_code_the_sources_raise_is_in_the_catalog()
    {
        var known = Catalog.Select(c => c.Code).ToHashSet();
        var sources = RepositoryTree.Files("sdk", "*.cs", "*.targets", "*.props")
            .Concat(RepositoryTree.Files("tasks", "*.cs"))
            .Concat(RepositoryTree.Files("templates", "*.csproj", "*.targets"));
        var unknown = sources
            .SelectMany(file => CodePattern().Matches(File.ReadAllText(file)).Select(m => (Code: m.Value, File: Path.GetRelativePath(RepositoryTree.Root, file))))
            .Where(use => !known.Contains(use.Code))
            .Select(use => $"{use.Code} in {use.File}")
            .Distinct();
        AssertNone(unknown);
    }

    [Fact]
    public void Every_error_the_targets_raise_links_to_the_section_of_its_code()
    {
        var wrong = RepositoryTree.Files(Path.Combine("sdk", "Mlops.Sdk", "build"), "*.targets", "*.props")
            .SelectMany(file => ErrorElementPattern().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Element: m.Value, Code: m.Groups[1].Value)))
            .Where(e => !e.Element.Contains($"HelpLink=\"$(_MlopsDocsUrl){ErrorCodes.DocsPage(e.Code)}#{ErrorCodes.Anchor(e.Code)}\"", StringComparison.Ordinal))
            .Select(e => $"{e.File}: the <Error> with code {e.Code} needs HelpLink=\"$(_MlopsDocsUrl){ErrorCodes.DocsPage(e.Code)}#{ErrorCodes.Anchor(e.Code)}\"");
        AssertNone(wrong);
    }

    [Fact]
    public void The_docs_tables_render()
    {
        var broken = new List<string>();
        foreach (var page in RepositoryTree.Files("docs", "*.md"))
        {
            var lines = File.ReadAllLines(page);
            for (var i = 1; i + 1 < lines.Length; i++)
            {
                if (lines[i].Trim().Length == 0 && lines[i - 1].StartsWith('|') && lines[i + 1].StartsWith("| <a id=", StringComparison.Ordinal))
                {
                    broken.Add($"docs/{Path.GetFileName(page)}:{i + 1}: a blank line inside a table ends it; the rows after it render as text");
                }
            }
        }
        AssertNone(broken);
    }

    [Fact]
    public void A_help_link_points_at_the_section_of_the_code()
    {
        var docs = Path.Combine(RepositoryTree.Root, "docs");

        var link = ErrorCodes.HelpLink(ErrorCodes.Sdk.EnvironmentFromVariable, docs);

        Assert.Equal(new Uri(Path.Combine(docs, "diagnostics-sdk.md")).AbsoluteUri + "#mlops0031", link);
        Assert.Null(ErrorCodes.HelpLink(ErrorCodes.Sdk.EnvironmentFromVariable, Path.Combine(docs, "missing")));
        Assert.Null(ErrorCodes.HelpLink("MLOPS9999", docs));
    }

    private static void AssertNone(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        Assert.True(list.Count == 0, string.Join(Environment.NewLine, list));
    }

    [GeneratedRegex(@"MLOPS\d{4}")]
    private static partial Regex CodePattern();

    [GeneratedRegex("<(?:Error|Warning) Code=\"(MLOPS\\d{4})\"[^>]*>")]
    private static partial Regex ErrorElementPattern();

    [GeneratedRegex("<a id=\"(mlops\\d{4})\"></a>")]
    private static partial Regex AnchorPattern();
}
