using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mlops.ContractServers.Vertex;

/// <summary>
/// The proto3 JSON shape of the messages this server takes (<c>PipelineJob</c>, <c>Schedule</c>), as the Vertex AI v1
/// API parses them: an unknown field or a value of the wrong type is refused with Google's wording
/// (<c>Invalid JSON payload received. Unknown name "x" at 'pipeline_job': Cannot find field.</c>). Output-only fields
/// are known and ignored, as the service does.
/// </summary>
internal static class VertexRequestSchema
{
    private enum Kind { String, Bool, Int64, Timestamp, Enum, Struct, Value, StringMap, ValueMap, StructMap, StringList, Message, Ignored }

    private sealed record Field(Kind Kind, IReadOnlyDictionary<string, Field>? Message = null);

    private static readonly Field Ignored = new(Kind.Ignored);

    private static readonly Dictionary<string, Field> RuntimeConfig = new()
    {
        ["gcsOutputDirectory"] = new(Kind.String),
        ["parameterValues"] = new(Kind.ValueMap),
        ["parameters"] = new(Kind.StructMap),
        ["inputArtifacts"] = new(Kind.StructMap),
        ["failurePolicy"] = new(Kind.Enum),
        ["defaultRuntime"] = new(Kind.Struct),
    };

    private static readonly Dictionary<string, Field> PipelineJobFields = new()
    {
        ["displayName"] = new(Kind.String),
        ["pipelineSpec"] = new(Kind.Struct),
        ["templateUri"] = new(Kind.String),
        ["runtimeConfig"] = new(Kind.Message, RuntimeConfig),
        ["serviceAccount"] = new(Kind.String),
        ["network"] = new(Kind.String),
        ["reservedIpRanges"] = new(Kind.StringList),
        ["labels"] = new(Kind.StringMap),
        ["encryptionSpec"] = new(Kind.Message, new Dictionary<string, Field> { ["kmsKeyName"] = new(Kind.String) }),
        ["pscInterfaceConfig"] = new(Kind.Struct),
        ["preflightValidations"] = new(Kind.Bool),
        ["name"] = Ignored, ["createTime"] = Ignored, ["startTime"] = Ignored, ["endTime"] = Ignored, ["updateTime"] = Ignored,
        ["state"] = Ignored, ["jobDetail"] = Ignored, ["error"] = Ignored, ["templateMetadata"] = Ignored, ["scheduleName"] = Ignored,
    };

    private static readonly Dictionary<string, Field> ScheduleFields = new()
    {
        ["displayName"] = new(Kind.String),
        ["cron"] = new(Kind.String),
        ["maxConcurrentRunCount"] = new(Kind.Int64),
        ["maxRunCount"] = new(Kind.Int64),
        ["allowQueueing"] = new(Kind.Bool),
        ["startTime"] = new(Kind.Timestamp),
        ["endTime"] = new(Kind.Timestamp),
        ["createPipelineJobRequest"] = new(Kind.Message, new Dictionary<string, Field>
        {
            ["parent"] = new(Kind.String),
            ["pipelineJob"] = new(Kind.Message, PipelineJobFields),
            ["pipelineJobId"] = new(Kind.String),
        }),
        ["name"] = Ignored, ["state"] = Ignored, ["createTime"] = Ignored, ["updateTime"] = Ignored, ["nextRunTime"] = Ignored,
        ["lastPauseTime"] = Ignored, ["lastResumeTime"] = Ignored, ["startedRunCount"] = Ignored, ["lastScheduledRunResponse"] = Ignored,
        ["catchUp"] = Ignored,
    };

    /// <summary>Null when <paramref name="body"/> is a well-formed PipelineJob, else the service's message.</summary>
    public static string? CheckPipelineJob(JsonNode? body) => Check(body, PipelineJobFields, "pipeline_job");

    public static string? CheckSchedule(JsonNode? body) => Check(body, ScheduleFields, "schedule");

    /// <summary>The proto field path of a JSON name: <c>gcsOutputDirectory</c> → <c>gcs_output_directory</c>.</summary>
    public static string Snake(string name)
    {
        var snake = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                snake.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                snake.Append(c);
            }
        }
        return snake.ToString();
    }

    private static string? Check(JsonNode? node, IReadOnlyDictionary<string, Field> fields, string path)
    {
        if (node is not JsonObject message)
        {
            return $"Invalid JSON payload received. Expected an object at '{path}'.";
        }
        foreach (var (name, value) in message)
        {
            if (!fields.TryGetValue(name, out var field))
            {
                return $"Invalid JSON payload received. Unknown name \"{name}\" at '{path}': Cannot find field.";
            }
            var at = $"{path}.{Snake(name)}";
            if (value is null || field.Kind == Kind.Ignored)
            {
                continue;
            }
            var problem = field.Kind switch
            {
                Kind.Message => Check(value, field.Message!, at),
                Kind.String or Kind.Enum or Kind.Timestamp when !IsString(value) && !(field.Kind == Kind.Enum && IsInteger(value)) => Invalid(at, field.Kind, value),
                Kind.Timestamp when !DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) => Invalid(at, field.Kind, value),
                Kind.Bool when value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False) => Invalid(at, field.Kind, value),
                Kind.Int64 when !IsInteger(value) && !(IsString(value) && long.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, out _)) => Invalid(at, field.Kind, value),
                Kind.Struct when value is not JsonObject => Invalid(at, field.Kind, value),
                Kind.StringList when value is not JsonArray list || list.Any(i => i is null || !IsString(i)) => Invalid(at, field.Kind, value),
                Kind.StringMap or Kind.ValueMap or Kind.StructMap when value is not JsonObject => Invalid(at, field.Kind, value),
                Kind.StringMap => ((JsonObject)value).Where(p => p.Value is null || !IsString(p.Value)).Select(p => Invalid($"{at}[{p.Key}]", Kind.String, p.Value)).FirstOrDefault(),
                Kind.StructMap => ((JsonObject)value).Where(p => p.Value is not JsonObject).Select(p => Invalid($"{at}[{p.Key}]", Kind.Struct, p.Value)).FirstOrDefault(),
                _ => null,
            };
            if (problem is not null)
            {
                return problem;
            }
        }
        return null;
    }

    private static bool IsString(JsonNode node) => node.GetValueKind() == JsonValueKind.String;

    private static bool IsInteger(JsonNode node) => node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<long>(out _);

    private static string Invalid(string path, Kind kind, JsonNode? value) =>
        $"Invalid value at '{path}' (TYPE_{kind.ToString().ToUpperInvariant()}), {value?.ToJsonString() ?? "null"}";
}
