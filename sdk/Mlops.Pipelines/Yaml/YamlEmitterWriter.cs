using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Mlops.Pipelines.Yaml;

/// <summary>
/// The reference writer: YamlDotNet's emitter, which decides every scalar's style itself. <see cref="YamlBlockWriter"/>
/// gives the same bytes much faster for the scalars it knows; this writes the documents that have any other.
/// </summary>
internal static class YamlEmitterWriter
{
    public static void WriteDocument(TextWriter writer, JsonElement document)
    {
        var emitter = new Emitter(writer, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false,
            maxSimpleKeyLength: 1024, skipAnchorName: false, indentSequences: false));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Write(emitter, document);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
    }

    private static void Write(IEmitter emitter, JsonElement node)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = node.EnumerateObject().ToList();
                emitter.Emit(new MappingStart(null, null, isImplicit: true, properties.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var property in properties.OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    WriteString(emitter, property.Name);
                    Write(emitter, property.Value);
                }
                emitter.Emit(new MappingEnd());
                break;
            case JsonValueKind.Array:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, node.GetArrayLength() == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in node.EnumerateArray())
                {
                    Write(emitter, item);
                }
                emitter.Emit(new SequenceEnd());
                break;
            case JsonValueKind.String:
                WriteString(emitter, node.GetString()!);
                break;
            case JsonValueKind.True or JsonValueKind.False:
                emitter.Emit(new Scalar(null, null, node.ValueKind == JsonValueKind.True ? "true" : "false", ScalarStyle.Plain, true, false));
                break;
            case JsonValueKind.Number:
                emitter.Emit(new Scalar(null, null, node.GetRawText(), ScalarStyle.Plain, true, false));
                break;
            default:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
        }
    }

    private static void WriteString(IEmitter emitter, string text)
    {
        var style = text.Contains('\n') ? ScalarStyle.Literal
            : YamlScalars.NeedsQuotes(text) ? ScalarStyle.SingleQuoted
            : ScalarStyle.Any;
        emitter.Emit(new Scalar(null, null, text, style, isPlainImplicit: style == ScalarStyle.Any, isQuotedImplicit: true));
    }
}
