using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mlops.Runner.Execution;

/// <summary>What a task's placeholders resolve to: its input values, input and output artifacts, output files.</summary>
internal sealed class TaskIo
{
    public Dictionary<string, JsonNode?> Parameters { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<ArtifactRef>> InputArtifacts { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ArtifactRef> OutputArtifacts { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> OutputParameterFiles { get; } = new(StringComparer.Ordinal);
    public required string ExecutorOutputFile { get; init; }
    public string? TaskName { get; init; }
    public string? RunId { get; init; }
    public string? PipelineName { get; init; }
    public string? PipelineRoot { get; init; }

    /// <summary>The ExecutorInput message as JSON: what <c>{{$}}</c> becomes.</summary>
    public string ExecutorInputJson()
    {
        var artifacts = new JsonObject();
        foreach (var (name, list) in InputArtifacts)
        {
            artifacts[name] = new JsonObject { ["artifacts"] = new JsonArray(list.Select(RuntimeArtifact).ToArray()) };
        }
        var outputArtifacts = new JsonObject();
        foreach (var (name, artifact) in OutputArtifacts)
        {
            outputArtifacts[name] = new JsonObject { ["artifacts"] = new JsonArray(RuntimeArtifact(artifact)) };
        }
        var outputParameters = new JsonObject();
        foreach (var (name, file) in OutputParameterFiles)
        {
            outputParameters[name] = new JsonObject { ["outputFile"] = file };
        }
        var input = new JsonObject
        {
            ["inputs"] = new JsonObject
            {
                ["parameterValues"] = new JsonObject(Parameters.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))),
                ["artifacts"] = artifacts,
            },
            ["outputs"] = new JsonObject
            {
                ["parameters"] = outputParameters,
                ["artifacts"] = outputArtifacts,
                ["outputFile"] = ExecutorOutputFile,
            },
        };
        return input.ToJsonString();
    }

    private static JsonNode RuntimeArtifact(ArtifactRef artifact) => new JsonObject
    {
        ["name"] = artifact.Name,
        ["type"] = new JsonObject { ["schemaTitle"] = artifact.SchemaTitle, ["schemaVersion"] = artifact.SchemaVersion },
        ["uri"] = artifact.Uri,
        ["metadata"] = artifact.Metadata.DeepClone(),
    };
}

/// <summary>Replaces KFP placeholders in command and args, including the structured IfPresent and Concat forms.</summary>
internal static partial class Placeholders
{
    [GeneratedRegex(@"\{\{\$(?<body>[^{}]*)\}\}")]
    private static partial Regex Placeholder();

    /// <summary>The command line after substitution; IfPresent items may expand to zero or several arguments.</summary>
    public static List<string> Resolve(IEnumerable<string> items, TaskIo io)
    {
        var result = new List<string>();
        foreach (var item in items)
        {
            if (item.StartsWith("{\"IfPresent\"", StringComparison.Ordinal) || item.StartsWith("{\"Concat\"", StringComparison.Ordinal))
            {
                result.AddRange(Structured(JsonNode.Parse(item), io));
            }
            else
            {
                result.Add(Substitute(item, io));
            }
        }
        return result;
    }

    private static IEnumerable<string> Structured(JsonNode? node, TaskIo io)
    {
        switch (node)
        {
            case JsonObject o when o["IfPresent"] is JsonObject ifPresent:
                var name = ifPresent["InputName"]!.GetValue<string>();
                var present = io.Parameters.TryGetValue(name, out var value) && value is not null || io.InputArtifacts.ContainsKey(name);
                var branch = present ? ifPresent["Then"] : ifPresent["Else"];
                return branch switch
                {
                    null => [],
                    JsonArray array => array.SelectMany(i => Structured(i, io)),
                    _ => Structured(branch, io),
                };
            case JsonObject o when o["Concat"] is JsonArray parts:
                return [string.Concat(parts.SelectMany(p => Structured(p, io)))];
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return [Substitute(v.GetValue<string>(), io)];
            default:
                return [node?.ToJsonString() ?? ""];
        }
    }

    public static string Substitute(string text, TaskIo io) =>
        Placeholder().Replace(text, match => Value(match.Groups["body"].Value, io) ?? match.Value);

    private static string? Value(string body, TaskIo io)
    {
        if (body.Length == 0)
        {
            return io.ExecutorInputJson();
        }
        var parts = ParsePath(body);
        return parts switch
        {
            ["inputs", "parameters", var n] => io.Parameters.TryGetValue(n, out var v) ? ParameterValues.ToText(v) : "",
            ["inputs", "artifacts", var n, "path"] => First(io, n)?.Path,
            ["inputs", "artifacts", var n, "uri"] => First(io, n)?.Uri,
            ["inputs", "artifacts", var n, "metadata"] => First(io, n)?.Metadata.ToJsonString(),
            ["inputs", "artifacts", var n] => io.InputArtifacts.TryGetValue(n, out var list) ? new JsonArray(list.Select(a => (JsonNode?)JsonValue.Create(a.Uri)).ToArray()).ToJsonString() : "[]",
            ["outputs", "artifacts", var n, "path"] => io.OutputArtifacts.GetValueOrDefault(n)?.Path,
            ["outputs", "artifacts", var n, "uri"] => io.OutputArtifacts.GetValueOrDefault(n)?.Uri,
            ["outputs", "parameters", var n, "output_file"] => io.OutputParameterFiles.GetValueOrDefault(n),
            ["outputs", "output_file"] => io.ExecutorOutputFile,
            ["pipeline_job_name"] or ["pipeline_job_resource_name"] => io.PipelineName + "-" + io.RunId,
            ["pipeline_job_uuid"] => io.RunId,
            ["pipeline_task_name"] => io.TaskName,
            ["pipeline_task_uuid"] => io.RunId + "/" + io.TaskName,
            ["pipeline_root"] => io.PipelineRoot,
            _ => null,
        };
    }

    private static ArtifactRef? First(TaskIo io, string name) =>
        io.InputArtifacts.TryGetValue(name, out var list) && list.Count > 0 ? list[0] : null;

    /// <summary><c>.inputs.parameters['x']</c> → ["inputs", "parameters", "x"].</summary>
    private static string[] ParsePath(string body)
    {
        var parts = new List<string>();
        var builder = new StringBuilder();
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '.')
            {
                Flush();
            }
            else if (c == '[')
            {
                Flush();
                var end = body.IndexOf(']', i);
                parts.Add(body[(i + 1)..end].Trim('\'', '"'));
                i = end;
            }
            else
            {
                builder.Append(c);
            }
        }
        Flush();
        return [.. parts];

        void Flush()
        {
            if (builder.Length > 0)
            {
                parts.Add(builder.ToString());
                builder.Clear();
            }
        }
    }
}
