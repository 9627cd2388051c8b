using System.Text;
using System.Text.RegularExpressions;

namespace Mlops.Sdk.Tests.Catalog;

/// <summary>
/// Writes the SDK README's tables from the catalog, between marker comments:
/// <c>&lt;!-- catalog:settings features="Program,Emit" --&gt;</c> (the properties of those features that are no
/// extension points), <c>&lt;!-- catalog:extension-points --&gt;</c>, <c>&lt;!-- catalog:items --&gt;</c>, each closed by
/// <c>&lt;!-- /catalog --&gt;</c>. Everything outside the markers is left as it is.
/// </summary>
internal static partial class ReadmeTables
{
    public const string RegenerateCommand = "bash eng/update-sdk-readme.sh";

    [GeneratedRegex(@"(?<open><!-- catalog:(?<kind>[a-z-]+)(?: features=""(?<features>[^""]*)"")?[^>]*-->\n)(?<body>.*?)(?<close><!-- /catalog -->)", RegexOptions.Singleline)]
    private static partial Regex Block();

    /// <summary>The blocks of <paramref name="readme"/>: kind and features.</summary>
    public static IReadOnlyList<(string Kind, IReadOnlyList<string> Features)> Blocks(string readme) =>
        Block().Matches(readme).Select(m => (m.Groups["kind"].Value, Features(m))).ToList();

    /// <summary>The properties a block of that kind and those features lists.</summary>
    public static IEnumerable<CatalogProperty> PropertiesOf(PropertyCatalog catalog, string kind, IReadOnlyList<string> features) => kind switch
    {
        "settings" => catalog.Properties.Where(p => !p.IsExtensionPoint && features.Contains(p.Feature)),
        "extension-points" => catalog.Properties.Where(p => p.IsExtensionPoint),
        _ => [],
    };

    public static string Render(PropertyCatalog catalog, string readme) => Block().Replace(readme, match =>
    {
        var kind = match.Groups["kind"].Value;
        var body = kind switch
        {
            "settings" or "extension-points" => PropertyTable(PropertiesOf(catalog, kind, Features(match))),
            "items" => ItemTable(catalog.Items),
            _ => throw new InvalidDataException($"The README has a catalog block of unknown kind '{kind}'."),
        };
        return match.Groups["open"].Value + body + match.Groups["close"].Value;
    });

    private static IReadOnlyList<string> Features(Match match) =>
        match.Groups["features"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string PropertyTable(IEnumerable<CatalogProperty> properties)
    {
        var table = new StringBuilder("| property | default | what it does |\n|---|---|---|\n");
        foreach (var property in properties)
        {
            table.Append($"| `{property.Name}` | {Cell(property.ShownDefault)} | {Cell(property.Description)} |\n");
        }
        return table.ToString();
    }

    private static string ItemTable(IEnumerable<CatalogItem> items)
    {
        var table = new StringBuilder("| item, metadata | default | what it is |\n|---|---|---|\n");
        foreach (var item in items)
        {
            table.Append($"| `{item.Name}` | {Cell(item.DefaultText)} | {Cell(item.Description)} |\n");
            foreach (var metadata in item.Metadata)
            {
                table.Append($"| `%({item.Name}.{metadata.Name})` | {Cell(metadata.DefaultText)} | {Cell(metadata.Description)} |\n");
            }
        }
        return table.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
