using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mlops.Pipelines.Ir;

namespace Mlops.Restore;

/// <summary>C# source for the default values of an IR's inputs (<c>google.protobuf.Value</c> constants).</summary>
public static class CSharpLiterals
{
    private const string ListType = "global::System.Collections.Generic.List<object>";
    private const string DictionaryType = "global::System.Collections.Generic.Dictionary<string, object>";

    /// <summary>An initializer for an input of <paramref name="type"/>, or null when the value does not fit the type.</summary>
    public static string? ForParameter(ParameterType type, JsonNode? value) => type switch
    {
        ParameterType.String when Kind(value) == JsonValueKind.String => String(value!.GetValue<string>()),
        ParameterType.Boolean when Kind(value) is JsonValueKind.True or JsonValueKind.False => Kind(value) == JsonValueKind.True ? "true" : "false",
        ParameterType.NumberInteger when Kind(value) == JsonValueKind.Number => Integer(value!),
        ParameterType.NumberDouble when Kind(value) == JsonValueKind.Number => Double(Number(value!)),
        ParameterType.List when value is JsonArray array => List(array),
        ParameterType.Struct when value is JsonObject obj => Dictionary(obj),
        _ => null,
    };

    /// <summary>A regular string literal: quotes, backslashes, control and line-separator characters escaped.</summary>
    public static string String(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                _ when char.IsControl(c) || char.IsSurrogate(c) || c is '\u0085' or '\u2028' or '\u2029' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return builder.Append('"').ToString();
    }

    /// <summary>A double literal that reads back to the same value: <c>0.8</c>, <c>20.0</c>, <c>1E+20</c>.</summary>
    public static string Double(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    private static string? Integer(JsonNode value)
    {
        var text = value.ToJsonString();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exact))
        {
            return exact.ToString(CultureInfo.InvariantCulture) + "L";
        }
        // KFP writes integer defaults as doubles (10.0).
        var number = Number(value);
        return number == Math.Floor(number) && number is >= -9007199254740992d and <= 9007199254740992d
            ? ((long)number).ToString(CultureInfo.InvariantCulture) + "L"
            : null;
    }

    private static double Number(JsonNode value) => double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static JsonValueKind? Kind(JsonNode? value) => value?.GetValueKind();

    /// <summary>A value inside a list or dictionary, typed <c>object</c>: numbers are doubles, as KFP's constants are.</summary>
    private static string Element(JsonNode? value) => value switch
    {
        null => "null!",
        JsonArray array => List(array),
        JsonObject obj => Dictionary(obj),
        _ => value.GetValueKind() switch
        {
            JsonValueKind.String => String(value.GetValue<string>()),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => Double(Number(value)),
            _ => "null!",
        },
    };

    private static string List(JsonArray array) =>
        array.Count == 0 ? $"new {ListType}()" : $"new {ListType} {{ {string.Join(", ", array.Select(Element))} }}";

    private static string Dictionary(JsonObject obj) =>
        obj.Count == 0 ? $"new {DictionaryType}()" : $"new {DictionaryType} {{ {string.Join(", ", obj.Select(p => $"[{String(p.Key)}] = {Element(p.Value)}"))} }}";
}
