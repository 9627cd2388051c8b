using System.Text.Json.Nodes;

namespace Mlops.ContractServers.KfpBackend;

/// <summary>
/// The fields of a proto message as KFP's gateway reads JSON (protojson with <c>DiscardUnknown: false</c>): a field
/// it does not know is an error. Names are accepted in proto (snake_case) and lowerCamel form, as protojson does; a
/// field whose shape is null takes any value (a Struct, a map of Values, an output-only detail).
/// </summary>
public sealed class ProtoJsonShape(IReadOnlyDictionary<string, ProtoJsonShape?> fields)
{
    public static ProtoJsonShape Of(params (string Name, ProtoJsonShape? Shape)[] fields) =>
        new(fields.ToDictionary(f => f.Name, f => f.Shape, StringComparer.Ordinal));

    /// <summary>The first unknown field's path (e.g. <c>runtime_config.labels</c>), or null when every field is known.</summary>
    public string? FindUnknown(JsonObject message, string prefix = "")
    {
        foreach (var (name, value) in message)
        {
            var known = fields.Keys.FirstOrDefault(k => k == name || LowerCamel(k) == name);
            if (known is null)
            {
                return prefix + name;
            }
            if (fields[known] is { } shape && value is JsonObject child && shape.FindUnknown(child, prefix + known + ".") is { } unknown)
            {
                return unknown;
            }
        }
        return null;
    }

    /// <summary>The message with lowerCamel names written as their proto names, as the server stores it.</summary>
    public JsonObject ToProtoNames(JsonObject message)
    {
        var result = new JsonObject();
        foreach (var (name, value) in message)
        {
            var known = fields.Keys.First(k => k == name || LowerCamel(k) == name);
            result[known] = fields[known] is { } shape && value is JsonObject child ? shape.ToProtoNames(child) : value?.DeepClone();
        }
        return result;
    }

    private static string LowerCamel(string protoName)
    {
        var parts = protoName.Split('_');
        return parts[0] + string.Concat(parts[1..].Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
