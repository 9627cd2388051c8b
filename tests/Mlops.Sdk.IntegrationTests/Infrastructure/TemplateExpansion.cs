using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mlops.Sdk.IntegrationTests.Infrastructure;

/// <summary>
/// What `dotnet new` makes of a template in templates/content/, computed from its files and its
/// .template.config/template.json: the files its source modifiers do not exclude; each derived symbol's token
/// ("replaces" in contents, "fileRename" in paths) replaced by the name through its value form
/// (<see cref="TemplateValueForms"/>); each parameter's "replaces" token replaced by the parameter's value in
/// contents; and the one conditional the templates use, <c>&lt;!--#if (SYMBOL != "") --&gt;</c>
/// … <c>&lt;!--#endif --&gt;</c> on lines of their own. Any other template syntax throws, so the expansion never
/// quietly differs from the template engine's; TemplateExpansionTests compares it with a real `dotnet new`.
/// </summary>
public sealed partial class TemplateExpansion
{
    private readonly Dictionary<string, (string Replaces, string Default)> parameters;
    private readonly List<(string? Replaces, string? FileRename, string Form)> derived;
    private readonly TemplateValueForms forms;
    private readonly List<Func<string, bool>> excluded;

    private TemplateExpansion(string shortName, string folder, JsonElement config)
    {
        ShortName = shortName;
        Folder = folder;
        parameters = config.GetProperty("symbols").EnumerateObject()
            .Where(s => s.Value.GetProperty("type").GetString() == "parameter" && s.Value.TryGetProperty("replaces", out _))
            .ToDictionary(s => s.Name, s => (s.Value.GetProperty("replaces").GetString()!, s.Value.TryGetProperty("defaultValue", out var d) ? d.GetString() ?? "" : ""));
        derived = config.GetProperty("symbols").EnumerateObject()
            .Where(s => s.Value.GetProperty("type").GetString() == "derived")
            .Select(s => s.Value.GetProperty("valueSource").GetString() == "name"
                ? (Optional(s.Value, "replaces"), Optional(s.Value, "fileRename"), s.Value.GetProperty("valueTransform").GetString()!)
                : throw new NotSupportedException($"{folder}: the derived symbol '{s.Name}' is not derived from the name; teach it to {nameof(TemplateExpansion)}."))
            .ToList();
        forms = new TemplateValueForms(config.TryGetProperty("forms", out var declared) ? declared : default);
        excluded = config.GetProperty("sources").EnumerateArray()
            .SelectMany(source => source.TryGetProperty("modifiers", out var modifiers) ? modifiers.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .SelectMany(modifier => modifier.TryGetProperty("exclude", out var exclude) ? exclude.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(pattern => Glob(pattern.GetString()!, folder))
            .ToList();
    }

    /// <summary>The template's short name, e.g. <c>mlops-subpipeline</c>.</summary>
    public string ShortName { get; }

    /// <summary>templates/content/SHORTNAME.</summary>
    public string Folder { get; }

    public static TemplateExpansion Load(string shortName)
    {
        var folder = Path.Combine(Repository.Root, "templates", "content", shortName);
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, ".template.config", "template.json")));
        return new TemplateExpansion(shortName, folder, config.RootElement.Clone());
    }

    /// <summary>The files of `dotnet new SHORTNAME -n <paramref name="name"/>` with <paramref name="values"/> for its parameters (the others at their defaults).</summary>
    public IReadOnlyList<ExpandedFile> Expand(string name, IReadOnlyDictionary<string, string> values)
    {
        if (values.Keys.FirstOrDefault(key => !parameters.ContainsKey(key)) is { } unknown)
        {
            throw new ArgumentException($"{ShortName} has no parameter '{unknown}'; it has {string.Join(", ", parameters.Keys)}.", nameof(values));
        }
        if (!IdentifierName().IsMatch(name))
        {
            // The engine's safe_namespace differs from the name only for names like these.
            throw new ArgumentException($"'{name}' is not a plain identifier: this expansion knows safe_namespace only of those.", nameof(name));
        }
        var value = parameters.ToDictionary(p => p.Key, p => values.GetValueOrDefault(p.Key, p.Value.Default));
        // The engine leaves out a replacement that would not change its token, so that a shorter token inside it applies.
        var names = derived.Where(d => d.FileRename is not null).Select(d => (Token: d.FileRename!, Value: forms.Apply(d.Form, name)))
            .Where(t => t.Token != t.Value).ToDictionary(t => t.Token, t => t.Value, StringComparer.Ordinal);
        var tokens = derived.Where(d => d.Replaces is not null).Select(d => (Token: d.Replaces!, Value: forms.Apply(d.Form, name)))
            .Where(t => t.Token != t.Value).ToDictionary(t => t.Token, t => t.Value, StringComparer.Ordinal);
        foreach (var (symbol, (replaces, _)) in parameters)
        {
            tokens[replaces] = value[symbol];
        }
        return Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(Folder, file).Replace('\\', '/'))
            .Where(path => !excluded.Any(exclude => exclude(path)))
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var text = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(Folder, path)));
                return new ExpandedFile(path, Replace(path, names), Replace(Conditionals(text, path, value), tokens));
            })
            .ToList();
    }

    /// <summary>All tokens at once, longest first, as the engine does (a replacement is never replaced again).</summary>
    private static string Replace(string text, IReadOnlyDictionary<string, string> tokens)
    {
        if (tokens.Count == 0)
        {
            return text;
        }
        var pattern = string.Join('|', tokens.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape));
        return Regex.Replace(text, pattern, match => tokens[match.Value]);
    }

    private string Conditionals(string text, string path, IReadOnlyDictionary<string, string> value)
    {
        var lines = text.Split('\n');
        var kept = new List<string>(lines.Length);
        var open = new Stack<bool>();
        foreach (var line in lines)
        {
            if (IfNotEmpty().Match(line) is { Success: true } condition)
            {
                var symbol = condition.Groups["symbol"].Value;
                open.Push(value.TryGetValue(symbol, out var given) ? given.Length > 0
                    : throw new NotSupportedException($"{ShortName}/{path}: the condition names '{symbol}', which is not a parameter."));
            }
            else if (EndIf().IsMatch(line))
            {
                if (!open.TryPop(out _))
                {
                    throw new NotSupportedException($"{ShortName}/{path}: an #endif without its #if.");
                }
            }
            else if (AnyDirective().IsMatch(line))
            {
                throw new NotSupportedException($"{ShortName}/{path}: '{line.Trim()}' is template syntax this expansion does not know; teach it to {nameof(TemplateExpansion)}.");
            }
            else if (open.All(holds => holds))
            {
                kept.Add(line);
            }
        }
        return open.Count == 0 ? string.Join('\n', kept) : throw new NotSupportedException($"{ShortName}/{path}: an #if without its #endif.");
    }

    /// <summary>The exclude patterns the templates use: <c>**/NAME/**</c> (a folder anywhere) and <c>NAME/**</c> (at the top).</summary>
    private static Func<string, bool> Glob(string pattern, string folder)
    {
        if (AnywhereFolder().Match(pattern) is { Success: true } anywhere)
        {
            var name = anywhere.Groups["name"].Value;
            return path => path.Split('/')[..^1].Contains(name);
        }
        if (TopFolder().Match(pattern) is { Success: true } top)
        {
            var name = top.Groups["name"].Value;
            return path => path.StartsWith(name + "/", StringComparison.Ordinal);
        }
        throw new NotSupportedException($"{folder}: the exclude pattern '{pattern}' is not one this expansion knows; teach it to {nameof(TemplateExpansion)}.");
    }

    private static string? Optional(JsonElement symbol, string property) =>
        symbol.TryGetProperty(property, out var value) ? value.GetString() : null;

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierName();

    [GeneratedRegex(@"^\s*<!--#if \((?<symbol>\w+) != """"\) -->\s*$")]
    private static partial Regex IfNotEmpty();

    [GeneratedRegex(@"^\s*<!--#endif -->\s*$")]
    private static partial Regex EndIf();

    [GeneratedRegex(@"(<!--|//|/\*|@\*|^\s*)#(if|elif|elseif|else|endif)\b")]
    private static partial Regex AnyDirective();

    [GeneratedRegex(@"^\*\*/(?<name>[^/*]+)/\*\*$")]
    private static partial Regex AnywhereFolder();

    [GeneratedRegex(@"^(?<name>[^/*]+)/\*\*$")]
    private static partial Regex TopFolder();
}
