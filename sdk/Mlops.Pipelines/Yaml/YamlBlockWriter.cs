using System.Text;
using System.Text.Json;

namespace Mlops.Pipelines.Yaml;

/// <summary>
/// Writes a JSON object as block YAML, keys sorted, in exactly the bytes <see cref="YamlEmitterWriter"/> gives, without
/// its per-character look-ahead and event objects. It knows the scalars IR is made of (printable text, with line
/// breaks only as <c>\n</c>); on any other it gives up, and the caller writes the document with the reference writer.
/// </summary>
internal sealed class YamlBlockWriter
{
    private const int IndentStep = 2;

    private readonly StringBuilder output;

    private YamlBlockWriter(StringBuilder output) => this.output = output;

    /// <summary>Appends the document to <paramref name="output"/>, or returns false (with the output cut back) when it cannot.</summary>
    public static bool TryWrite(JsonElement document, StringBuilder output)
    {
        var start = output.Length;
        if (document.ValueKind != JsonValueKind.Object || !HasProperties(document)
            || !new YamlBlockWriter(output).WriteEntries(document, 0, firstInline: false))
        {
            output.Length = start;
            return false;
        }
        return true;
    }

    /// <summary>The mapping's entries, one per line at <paramref name="indent"/> (the first on the current line when inline).</summary>
    private bool WriteEntries(JsonElement mapping, int indent, bool firstInline)
    {
        var properties = SortedProperties(mapping);
        for (var i = 0; i < properties.Length; i++)
        {
            if (i > 0 || !firstInline)
            {
                output.Append(' ', indent);
            }
            if (!WriteScalar(properties[i].Name, indent, isKey: true))
            {
                return false;
            }
            output.Append(':');
            if (!WriteValue(properties[i].Value, indent, indent))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// A value after <c>key:</c> or <c>-</c>: scalars and empty collections on the same line, a mapping on the next lines
    /// at <paramref name="nestedIndent"/> + 2, a sequence at <paramref name="sequenceIndent"/> (not indented under a key).
    /// </summary>
    private bool WriteValue(JsonElement value, int nestedIndent, int sequenceIndent)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when HasProperties(value):
                output.Append('\n');
                return WriteEntries(value, nestedIndent + IndentStep, firstInline: false);
            case JsonValueKind.Array when value.GetArrayLength() > 0:
                output.Append('\n');
                return WriteItems(value, sequenceIndent, firstInline: false);
            default:
                output.Append(' ');
                return WriteLeaf(value, nestedIndent);
        }
    }

    private bool WriteItems(JsonElement sequence, int indent, bool firstInline)
    {
        var first = true;
        foreach (var item in sequence.EnumerateArray())
        {
            if (!first || !firstInline)
            {
                output.Append(' ', indent);
            }
            first = false;
            output.Append('-');
            var written = item.ValueKind switch
            {
                JsonValueKind.Object when HasProperties(item) => Inline(() => WriteEntries(item, indent + IndentStep, firstInline: true)),
                JsonValueKind.Array when item.GetArrayLength() > 0 => Inline(() => WriteItems(item, indent + IndentStep, firstInline: true)),
                _ => Inline(() => WriteLeaf(item, indent)),
            };
            if (!written)
            {
                return false;
            }
        }
        return true;
    }

    private bool Inline(Func<bool> write)
    {
        output.Append(' ');
        return write();
    }

    /// <summary>A scalar or an empty collection, then the end of the line.</summary>
    private bool WriteLeaf(JsonElement value, int indent)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                output.Append("{}\n");
                return true;
            case JsonValueKind.Array:
                output.Append("[]\n");
                return true;
            case JsonValueKind.String:
                if (!WriteScalar(value.GetString()!, indent, isKey: false))
                {
                    return false;
                }
                if (output[^1] != '\n')
                {
                    output.Append('\n');
                }
                return true;
            case JsonValueKind.Number:
                output.Append(value.GetRawText()).Append('\n');
                return true;
            case JsonValueKind.True:
                output.Append("true\n");
                return true;
            case JsonValueKind.False:
                output.Append("false\n");
                return true;
            default:
                output.Append("null\n");
                return true;
        }
    }

    private bool WriteScalar(string text, int indent, bool isKey)
    {
        switch (YamlScalarStyles.Of(text, isKey))
        {
            case YamlScalarStyle.Plain:
                output.Append(text);
                return true;
            case YamlScalarStyle.SingleQuoted:
                output.Append('\'').Append(text.Replace("'", "''", StringComparison.Ordinal)).Append('\'');
                return true;
            case YamlScalarStyle.DoubleQuoted:
                output.Append('"').Append(text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                return true;
            case YamlScalarStyle.Literal:
                WriteLiteral(text, indent + IndentStep);
                return true;
            default:
                return false;
        }
    }

    private void WriteLiteral(string text, int indent)
    {
        output.Append('|');
        if (text[0] is ' ' or '\n')
        {
            output.Append(IndentStep);
        }
        if (text[^1] != '\n')
        {
            output.Append('-');
        }
        else if (text.Length >= 2 && text[^2] == '\n')
        {
            output.Append('+');
        }
        output.Append('\n');
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var end = text.IndexOf('\n', lineStart);
            var lineEnd = end < 0 ? text.Length : end;
            if (lineEnd > lineStart)
            {
                output.Append(' ', indent).Append(text, lineStart, lineEnd - lineStart);
            }
            if (end < 0)
            {
                break;
            }
            output.Append('\n');
            lineStart = end + 1;
        }
    }

    private static bool HasProperties(JsonElement mapping)
    {
        using var properties = mapping.EnumerateObject();
        return properties.MoveNext();
    }

    private static JsonProperty[] SortedProperties(JsonElement mapping)
    {
        var properties = mapping.EnumerateObject().ToArray();
        Array.Sort(properties, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return properties;
    }
}
