using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mlops.Pipelines.Yaml;

/// <summary>
/// Writes JSON trees as block YAML with every mapping sorted by key (as the KFP compiler's PyYAML dump does), so
/// the same tree always gives the same bytes.
/// </summary>
public static class YamlJsonWriter
{
    public static void WriteDocument(TextWriter writer, JsonNode? document) => writer.Write(ToYaml(document));

    public static string ToYaml(JsonNode? document) => ToYaml(JsonSerializer.SerializeToElement(document));

    /// <summary>The document's text: <see cref="YamlBlockWriter"/> when it knows every scalar, else YamlDotNet's emitter.</summary>
    internal static string ToYaml(JsonElement document)
    {
        var builder = new StringBuilder();
        Append(builder, document);
        return builder.ToString();
    }

    internal static void Append(StringBuilder builder, JsonElement document)
    {
        if (YamlBlockWriter.TryWrite(document, builder))
        {
            return;
        }
        using var writer = new StringWriter(builder) { NewLine = "\n" };
        YamlEmitterWriter.WriteDocument(writer, document);
    }
}
