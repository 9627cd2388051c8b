using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Mlops.Pipelines.Ir;

/// <summary>
/// The proto3 JSON mapping the KFP compiler uses (<c>MessageToDict</c>): lowerCamelCase names, default values
/// omitted, enums by name, unknown fields refused (the KFP backend parses strictly).
/// </summary>
public static class IrJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            WriteIndented = false,
            // The generated metadata first; any other type given these options (a part of a spec) is reflected over.
            TypeInfoResolver = JsonTypeInfoResolver.Combine(IrJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        };
        options.Converters.Add(new ProtoDoubleConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
