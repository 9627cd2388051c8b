using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mlops.Backends.Vertex;

/// <summary>
/// A <c>PipelineJob</c> as Vertex AI answers it, read into a <see cref="PipelineRunStatus"/>: its state
/// (<c>PIPELINE_STATE_*</c>), times, labels, template (templateUri, templateMetadata.version), schedule, the tasks of
/// jobDetail.taskDetails with their output artifacts' URIs, and the pipeline's own outputs, found by resolving the
/// echoed spec's <c>root.dag.outputs.artifacts</c> selectors to the producing task's output.
/// </summary>
internal static partial class VertexJobStatus
{
    public static PipelineRunStatus Read(JsonObject job)
    {
        var spec = job["pipelineSpec"] as JsonObject;
        var pipeline = Text(spec?["pipelineInfo"]?["name"]) ?? Text(job["displayName"]) ?? "";
        var details = (job["jobDetail"]?["taskDetails"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        // The pipeline's own (root DAG) task has no parent; the steps are below it.
        var steps = details.Count > 1 ? details.Where(d => Text(d["parentTaskId"]) is not null).ToList() : details;
        var tasks = steps.Select(Task).ToList();
        var failed = tasks.FirstOrDefault(t => t.State == PipelineTaskState.Failed && t.Error is not null);
        var state = RunState(Text(job["state"]));
        return new PipelineRunStatus(Text(job["name"]) ?? "", pipeline, state, Time(job["createTime"]) ?? DateTimeOffset.MinValue)
        {
            Started = Time(job["startTime"]),
            Ended = Time(job["endTime"]),
            Error = failed?.Error ?? Text(job["error"]?["message"]) ?? (Text(job["state"]) == "PIPELINE_STATE_PAUSED" ? "The job is paused (PIPELINE_STATE_PAUSED): resume it in the Vertex AI console." : null),
            Tasks = tasks,
            OutputArtifacts = PipelineOutputs(spec, tasks),
            TemplateUri = Text(job["templateUri"]),
            TemplateDigest = Text(job["templateMetadata"]?["version"]),
            Labels = Strings(job["labels"] as JsonObject),
            Schedule = Text(job["scheduleName"]),
        };
    }

    public static PipelineRunState RunState(string? state) => state switch
    {
        "PIPELINE_STATE_RUNNING" => PipelineRunState.Running,
        "PIPELINE_STATE_SUCCEEDED" => PipelineRunState.Succeeded,
        "PIPELINE_STATE_FAILED" => PipelineRunState.Failed,
        "PIPELINE_STATE_CANCELLING" => PipelineRunState.Cancelling,
        "PIPELINE_STATE_CANCELLED" => PipelineRunState.Cancelled,
        // QUEUED, PENDING, UNSPECIFIED, and PAUSED (stopped, can be resumed): not running, not ended.
        _ => PipelineRunState.Pending,
    };

    public static PipelineTaskState TaskState(string? state) => state switch
    {
        "RUNNING" => PipelineTaskState.Running,
        "SUCCEEDED" => PipelineTaskState.Succeeded,
        "FAILED" => PipelineTaskState.Failed,
        "CANCEL_PENDING" or "CANCELLING" => PipelineTaskState.Cancelling,
        "CANCELLED" => PipelineTaskState.Cancelled,
        "SKIPPED" or "NOT_TRIGGERED" => PipelineTaskState.Skipped,
        _ => PipelineTaskState.Pending,
    };

    /// <summary>The container's exit code in a message such as "The replica workerpool0-0 exited with a non-zero status of 2."</summary>
    public static int? ExitCode(string? message) =>
        message is not null && ExitStatus().Match(message) is { Success: true } match
            && int.TryParse(match.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code)
            ? code
            : null;

    private static PipelineTaskStatus Task(JsonObject detail)
    {
        var error = Text(detail["error"]?["message"]);
        var outputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, list) in detail["outputs"] as JsonObject ?? [])
        {
            if (Text(list?["artifacts"]?[0]?["uri"]) is { Length: > 0 } uri)
            {
                outputs[key] = uri;
            }
        }
        return new PipelineTaskStatus(Text(detail["taskName"]) ?? "", TaskState(Text(detail["state"])))
        {
            Error = error,
            ExitCode = ExitCode(error),
            OutputArtifacts = outputs,
        };
    }

    private static SortedDictionary<string, string> PipelineOutputs(JsonObject? spec, List<PipelineTaskStatus> tasks)
    {
        var outputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, output) in spec?["root"]?["dag"]?["outputs"]?["artifacts"] as JsonObject ?? [])
        {
            foreach (var selector in (output?["artifactSelectors"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var producer = tasks.FirstOrDefault(t => t.Name == Text(selector["producerSubtask"]));
                if (producer is not null && Text(selector["outputArtifactKey"]) is { } key && producer.OutputArtifacts.TryGetValue(key, out var uri))
                {
                    outputs[name] = uri;
                    break;
                }
            }
        }
        return outputs;
    }

    private static Dictionary<string, string> Strings(JsonObject? map) =>
        (map ?? []).Where(p => Text(p.Value) is not null).ToDictionary(p => p.Key, p => Text(p.Value)!, StringComparer.Ordinal);

    private static DateTimeOffset? Time(JsonNode? node) =>
        Text(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text
        : node is JsonValue number && number.TryGetValue<long>(out var n) ? n.ToString(CultureInfo.InvariantCulture)
        : null;

    [GeneratedRegex(@"(?:non-zero status of|exit code|exit status)\s+(-?\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex ExitStatus();
}
