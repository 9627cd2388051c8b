using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mlops.Pipelines.Ir;

/// <summary>
/// Says in the IR's own terms why System.Text.Json refused a document: the field and what its value should be, never
/// the .NET type it was bound to (the user never wrote one).
/// </summary>
internal static partial class IrJsonProblem
{
    [GeneratedRegex(@"could not be converted to (?<type>[^\s]+?)\.? Path:")]
    private static partial Regex WrongType();

    [GeneratedRegex(@"The JSON property '(?<name>[^']*)' could not be mapped to any \.NET member contained in type '(?:[\w]+\.)*(?<type>\w+)'")]
    private static partial Regex UnknownField();

    public static string Describe(JsonException e, JsonNode? document)
    {
        var path = e.Path ?? "$";
        if (UnknownField().Match(e.Message) is { Success: true } unknown)
        {
            var name = unknown.Groups["name"].Value;
            var parent = path.EndsWith("." + name, StringComparison.Ordinal) ? path[..^(name.Length + 1)]
                : path.EndsWith($"['{name}']", StringComparison.Ordinal) ? path[..^(name.Length + 4)] : path;
            return $"{parent} has a field '{name}' that a {unknown.Groups["type"].Value} does not have; remove it or correct its name";
        }
        var actual = At(document, path) is { } node ? $" is {Kind(node)}, but it" : "";
        if (WrongType().Match(e.Message) is { Success: true } wrong && Expected(wrong.Groups["type"].Value) is { } expected)
        {
            return $"the value at {path}{actual} must be {expected}";
        }
        return $"the value at {path}{(actual.Length > 0 ? actual : " ")} is not one this field accepts";
    }

    private static string? Expected(string type) => type switch
    {
        _ when type.StartsWith("System.Collections.Generic.List", StringComparison.Ordinal) => "a list",
        _ when type.StartsWith("System.Collections.Generic.Dictionary", StringComparison.Ordinal) => "a mapping",
        "System.String" => "a string",
        "System.Boolean" => "true or false",
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" => "a number",
        "System.Text.Json.Nodes.JsonObject" => "a mapping",
        "System.Text.Json.Nodes.JsonArray" => "a list",
        _ when type.StartsWith("Mlops.Pipelines.Ir.", StringComparison.Ordinal) && type.EndsWith("Spec", StringComparison.Ordinal) => "a mapping",
        _ => null,
    };

    private static string Kind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Object => "a mapping",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>The node at a JSON path as System.Text.Json writes it (<c>$.a.b[0]['c.d']</c>); null when it cannot be followed.</summary>
    private static JsonNode? At(JsonNode? document, string path)
    {
        var node = document;
        foreach (Match step in Step().Matches(path))
        {
            node = step.Groups["index"].Success
                ? node is JsonArray array && int.TryParse(step.Groups["index"].Value, out var i) && i < array.Count ? array[i] : null
                : node is JsonObject obj ? obj[step.Groups["name"].Success ? step.Groups["name"].Value : step.Groups["quoted"].Value] : null;
            if (node is null)
            {
                return null;
            }
        }
        return node;
    }

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>[^']*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex Step();
}
