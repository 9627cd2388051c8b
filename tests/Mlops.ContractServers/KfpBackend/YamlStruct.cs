using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Mlops.ContractServers.KfpBackend;

/// <summary>
/// An uploaded pipeline file as KFP keeps a version's <c>pipeline_spec</c> (a google.protobuf.Struct): the
/// PipelineSpec document as JSON, or <c>{pipeline_spec, platform_spec}</c> when the file has a second document.
/// Plain scalars that read as booleans or numbers become them; everything else is a string.
/// </summary>
public static class YamlStruct
{
    public static JsonObject? Read(byte[] yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(Encoding.UTF8.GetString(yaml)));
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return null;
        }
        var documents = stream.Documents.Select(d => Convert(d.RootNode)).OfType<JsonObject>().ToList();
        return documents switch
        {
            [] => null,
            [var spec] => spec,
            [var spec, var platform, ..] => new JsonObject { ["pipeline_spec"] = spec, ["platform_spec"] = platform },
        };
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", Convert(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar => Plain(scalar.Value ?? ""),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
        _ => null,
    };

    private static JsonNode? Plain(string text) =>
        text is "true" or "false" ? JsonValue.Create(text == "true")
        : text is "null" or "~" or "" ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number)
        : JsonValue.Create(text);
}
