using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Compiler;

/// <summary>
/// Python's <c>json.dumps(value, sort_keys=True)</c>: how KFP writes the items of a loop over a literal list
/// (<c>", "</c> and <c>": "</c> separators, ASCII escapes).
/// </summary>
internal static class PythonJson
{
    public static string Dumps(object? value)
    {
        var builder = new StringBuilder();
        Write(builder, value);
        return builder.ToString();
    }

    /// <summary>Python's <c>json.dumps(value)</c> (keys in the given order), for structured placeholders.</summary>
    public static string DumpsNode(JsonNode node)
    {
        var builder = new StringBuilder();
        WriteNode(builder, node);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case string s:
                WriteString(builder, s);
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case int or long or short or byte:
                builder.Append(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                break;
            case double or float or decimal:
                builder.Append(ProtoDouble.Format(Convert.ToDouble(value, CultureInfo.InvariantCulture)));
                break;
            case JsonNode node:
                WriteNode(builder, node);
                break;
            case IDictionary dictionary:
                WriteObject(builder, Graph.ClrTypes.Entries(dictionary).Select(e => (Convert.ToString(e.Key, CultureInfo.InvariantCulture)!, e.Value)));
                break;
            case IEnumerable sequence:
                builder.Append('[');
                var first = true;
                foreach (var item in sequence)
                {
                    if (!first) builder.Append(", ");
                    first = false;
                    Write(builder, item);
                }
                builder.Append(']');
                break;
            default:
                WriteNode(builder, JsonSerializer.SerializeToNode(value));
                break;
        }
    }

    private static void WriteNode(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                WriteObject(builder, obj.Select(p => (p.Key, (object?)p.Value)));
                break;
            case JsonArray array:
                Write(builder, array.ToList());
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                WriteString(builder, v.GetValue<string>());
                break;
            default:
                builder.Append(node.ToJsonString());
                break;
        }
    }

    private static void WriteObject(StringBuilder builder, IEnumerable<(string Key, object? Value)> entries)
    {
        builder.Append('{');
        var first = true;
        foreach (var (key, value) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!first) builder.Append(", ");
            first = false;
            WriteString(builder, key);
            builder.Append(": ");
            Write(builder, value);
        }
        builder.Append('}');
    }

    private static void WriteString(StringBuilder builder, string s)
    {
        builder.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e) builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }
        builder.Append('"');
    }
}
