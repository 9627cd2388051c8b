using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mlops.Pipelines.Tests.Support;

/// <summary>Compares JSON trees as data: key order ignored, numbers compared by value. Returns the first difference.</summary>
public static class JsonTree
{
    public static string? FirstDifference(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        switch (expected, actual)
        {
            case (null, null):
                return null;
            case (JsonObject e, JsonObject a):
                foreach (var key in e.Select(p => p.Key).Union(a.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    if (!e.ContainsKey(key)) return $"{path}.{key}: unexpected in actual";
                    if (!a.ContainsKey(key)) return $"{path}.{key}: missing in actual";
                    var d = FirstDifference(e[key], a[key], $"{path}.{key}");
                    if (d is not null) return d;
                }
                return null;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count) return $"{path}: {e.Count} items expected, {a.Count} found";
                for (var i = 0; i < e.Count; i++)
                {
                    var d = FirstDifference(e[i], a[i], $"{path}[{i}]");
                    if (d is not null) return d;
                }
                return null;
            case (JsonValue e, JsonValue a):
                if (e.GetValueKind() == JsonValueKind.Number && a.GetValueKind() == JsonValueKind.Number)
                {
                    return e.GetValue<double>() == a.GetValue<double>() ? null : $"{path}: {e} expected, {a} found";
                }
                return JsonNode.DeepEquals(e, a) ? null : $"{path}: {e.ToJsonString()} expected, {a.ToJsonString()} found";
            default:
                return $"{path}: {expected?.ToJsonString() ?? "null"} expected, {actual?.ToJsonString() ?? "null"} found";
        }
    }
}
