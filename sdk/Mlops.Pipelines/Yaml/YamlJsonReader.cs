using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mlops.Pipelines.Yaml;

/// <summary>Reads YAML documents into JSON trees (the IR is proto3 JSON written as YAML).</summary>
public static class YamlJsonReader
{
    /// <exception cref="YamlFormatException">The text is not well-formed YAML.</exception>
    public static IReadOnlyList<JsonNode?> ReadDocuments(string text)
    {
        if (YamlBlockReader.TryRead(text, out var document))
        {
            return [document];
        }
        return ReadWithYamlDotNet(text);
    }

    /// <summary>The reference reader: any YAML, and the line and column of what is wrong.</summary>
    internal static IReadOnlyList<JsonNode?> ReadWithYamlDotNet(string text)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new YamlFormatException(e.Message, (int)e.Start.Line, (int)e.Start.Column);
        }
        catch (ArgumentException e)
        {
            throw new YamlFormatException("the YAML has a duplicate key: " + e.Message, 0, 0);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this for some malformed text (an unclosed '{' or '['); the parser stopped here.
            var at = parser.Current?.Start ?? Mark.Empty;
            throw new YamlFormatException("the YAML is malformed at or after this point (look for an unclosed '{', '[' or quote)", (int)at.Line, (int)at.Column);
        }
        return stream.Documents.Select(d => Convert(d.RootNode)).ToList();
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ConvertMapping(mapping),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => throw new YamlFormatException($"unsupported YAML node '{node.NodeType}'", (int)node.Start.Line, (int)node.Start.Column),
    };

    private static JsonObject ConvertMapping(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            var name = key is YamlScalarNode { Value: { } k } ? k
                : throw new YamlFormatException("mapping keys must be scalars", (int)key.Start.Line, (int)key.Start.Column);
            if (result.ContainsKey(name))
            {
                throw new YamlFormatException($"duplicate key '{name}'", (int)key.Start.Line, (int)key.Start.Column);
            }
            result[name] = Convert(value);
        }
        return result;
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        return tag is "tag:yaml.org,2002:str" || scalar.Style is not ScalarStyle.Plain ? JsonValue.Create(text) : YamlScalars.Resolve(text);
    }
}
