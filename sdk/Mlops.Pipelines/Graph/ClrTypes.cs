using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Graph;

/// <summary>How C# types and values map to KFP types and <c>google.protobuf.Value</c> constants.</summary>
internal static class ClrTypes
{
    private static readonly ConcurrentDictionary<Type, IoType?> Cache = new();

    /// <summary>The KFP type of <c>Input&lt;T&gt;</c>/<c>Output&lt;T&gt;</c>, or null when T has none.</summary>
    public static IoType? ToIoType(Type type) => Cache.GetOrAdd(type, Map);

    private static IoType? Map(Type type)
    {
        if (type == typeof(string)) return IoType.Parameter(ParameterType.String);
        if (type == typeof(int) || type == typeof(long)) return IoType.Parameter(ParameterType.NumberInteger);
        if (type == typeof(double) || type == typeof(float)) return IoType.Parameter(ParameterType.NumberDouble);
        if (type == typeof(bool)) return IoType.Parameter(ParameterType.Boolean);
        if (type == typeof(TaskFinalStatus)) return IoType.Parameter(ParameterType.TaskFinalStatus);
        if (typeof(Artifact).IsAssignableFrom(type))
        {
            var schema = type.GetCustomAttribute<ArtifactSchemaAttribute>(inherit: true)!;
            return IoType.Artifact(schema.SchemaTitle, schema.SchemaVersion);
        }
        if (ElementType(type) is { } element)
        {
            return typeof(Artifact).IsAssignableFrom(element) && Map(element) is { } artifact
                ? artifact with { IsArtifactList = true }
                : IoType.Parameter(ParameterType.List);
        }
        if (IsDictionary(type)) return IoType.Parameter(ParameterType.Struct);
        return null;
    }

    public static Type? ElementType(Type type)
    {
        if (type.IsArray) return type.GetElementType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>) || definition == typeof(List<>)
                || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyCollection<>)))
        {
            return type.GetGenericArguments()[0];
        }
        return null;
    }

    private static bool IsDictionary(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var d
        && (d == typeof(IReadOnlyDictionary<,>) || d == typeof(IDictionary<,>) || d == typeof(Dictionary<,>))
        && type.GetGenericArguments()[0] == typeof(string);

    /// <summary>A constant as KFP writes it: numbers are doubles, lists and maps recursively so.</summary>
    public static JsonNode? ToConstant(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int or long or float or double or decimal or short or byte => ProtoDouble.Node(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
        IDictionary dictionary => new JsonObject(Entries(dictionary)
            .Select(e => KeyValuePair.Create(Convert.ToString(e.Key, System.Globalization.CultureInfo.InvariantCulture)!, ToConstant(e.Value)))),
        IEnumerable sequence => new JsonArray(sequence.Cast<object?>().Select(ToConstant).ToArray()),
        _ => NormalizeNumbers(JsonSerializer.SerializeToNode(value, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase })),
    };

    /// <summary>A non-generic dictionary's entries (its plain enumerator may yield KeyValuePairs, not DictionaryEntries).</summary>
    public static IEnumerable<DictionaryEntry> Entries(IDictionary dictionary)
    {
        var enumerator = dictionary.GetEnumerator();
        while (enumerator.MoveNext())
        {
            yield return enumerator.Entry;
        }
    }

    private static JsonNode? NormalizeNumbers(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, NormalizeNumbers(p.Value)))),
        JsonArray a => new JsonArray(a.Select(NormalizeNumbers).ToArray()),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => ProtoDouble.Node(v.GetValue<double>()),
        _ => node?.DeepClone(),
    };

    /// <summary>The KFP type of a constant, for loops over literal lists and untyped inputs.</summary>
    public static IoType TypeOfConstant(JsonNode? value) => value switch
    {
        JsonObject => IoType.Parameter(ParameterType.Struct),
        JsonArray => IoType.Parameter(ParameterType.List),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.True or JsonValueKind.False => IoType.Parameter(ParameterType.Boolean),
            JsonValueKind.Number => IoType.Parameter(v.ToJsonString().Contains('.') && v.GetValue<double>() % 1 != 0 ? ParameterType.NumberDouble : ParameterType.NumberInteger),
            _ => IoType.Parameter(ParameterType.String),
        },
        _ => IoType.Parameter(ParameterType.String),
    };
}
