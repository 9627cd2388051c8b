using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Yaml;

/// <summary>
/// Writes the tree as UTF-8 JSON, the values as <see cref="YamlScalars.Resolve"/> gives them, so that the IR deserializes
/// straight from the YAML text with no JsonNode tree in between.
/// </summary>
internal sealed class Utf8JsonSink : IJsonTreeSink, IDisposable
{
    private readonly ArrayBufferWriter<byte> buffer = new();
    private readonly Utf8JsonWriter writer;
    private readonly Stack<HashSet<string>> keys = new();

    public Utf8JsonSink() => writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });

    /// <summary>The top-level object's keys (for the checks a document needs before it is deserialized).</summary>
    public IReadOnlySet<string> TopLevelKeys { get; private set; } = new HashSet<string>();

    public ReadOnlyMemory<byte> Json
    {
        get
        {
            writer.Flush();
            return buffer.WrittenMemory;
        }
    }

    public void StartObject()
    {
        writer.WriteStartObject();
        keys.Push(new HashSet<string>(StringComparer.Ordinal));
    }

    public bool Key(string name)
    {
        if (!keys.Peek().Add(name))
        {
            return false;
        }
        writer.WritePropertyName(name);
        return true;
    }

    public void EndObject()
    {
        writer.WriteEndObject();
        var closed = keys.Pop();
        if (keys.Count == 0)
        {
            TopLevelKeys = closed;
        }
    }

    public void StartArray() => writer.WriteStartArray();

    public void EndArray() => writer.WriteEndArray();

    public void String(string value) => writer.WriteStringValue(value);

    public void Plain(string value)
    {
        if (!YamlScalars.MayResolveToNonString(value))
        {
            writer.WriteStringValue(value);
        }
        else if (YamlScalars.IsNull(value))
        {
            writer.WriteNullValue();
        }
        else if (YamlScalars.AsBoolean(value) is { } boolean)
        {
            writer.WriteBooleanValue(boolean);
        }
        else if (YamlScalars.IsInteger(value))
        {
            writer.WriteRawValue(value.Replace("_", "").TrimStart('+'), skipInputValidation: false);
        }
        else if (YamlScalars.IsFloat(value))
        {
            writer.WriteRawValue(ProtoDouble.Format(double.Parse(value.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture)));
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    public void Dispose() => writer.Dispose();
}
