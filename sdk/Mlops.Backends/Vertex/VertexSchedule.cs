using System.Globalization;
using System.Text.Json.Nodes;
using Mlops.Backends.Schedules;

namespace Mlops.Backends.Vertex;

/// <summary>
/// A Vertex AI <c>Schedule</c> read into a <see cref="PipelineSchedule"/>: its cron without the <c>TZ=</c> or
/// <c>CRON_TZ=</c> prefix (that is <see cref="PipelineSchedule.TimeZone"/>), state, and the template and parameter
/// values of the pipeline job it creates.
/// </summary>
internal static class VertexSchedule
{
    public static PipelineSchedule Read(JsonObject schedule)
    {
        var (timeZone, cron) = SplitCron(Text(schedule["cron"]) ?? "");
        var job = schedule["createPipelineJobRequest"]?["pipelineJob"];
        var parameters = (job?["runtimeConfig"]?["parameterValues"] as JsonObject ?? [])
            .ToDictionary(p => p.Key, p => p.Value?.ToJsonString() ?? "null", StringComparer.Ordinal);
        return new PipelineSchedule(Text(schedule["name"]) ?? "", Text(schedule["displayName"]) ?? "", cron, Text(schedule["state"]) switch
        {
            "PAUSED" => PipelineScheduleState.Paused,
            "COMPLETED" => PipelineScheduleState.Completed,
            _ => PipelineScheduleState.Active,
        })
        {
            TimeZone = timeZone,
            TemplateUri = Text(job?["templateUri"]),
            Parameters = parameters,
            NextRun = Text(schedule["nextRunTime"]) is { } next && DateTimeOffset.TryParse(next, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : null,
        };
    }

    /// <summary>The cron Vertex AI takes: <c>TZ=ZONE CRON</c>, or the bare cron for UTC.</summary>
    public static string Cron(string cron, string? timeZone) => timeZone is { Length: > 0 } zone && zone != "UTC" ? $"TZ={zone} {cron.Trim()}" : cron.Trim();

    private static (string? TimeZone, string Cron) SplitCron(string cron)
    {
        foreach (var prefix in (string[])["TZ=", "CRON_TZ="])
        {
            if (cron.StartsWith(prefix, StringComparison.Ordinal) && cron.IndexOf(' ', StringComparison.Ordinal) is var space and > 0)
            {
                return (cron[prefix.Length..space], cron[(space + 1)..].Trim());
            }
        }
        return (null, cron);
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
