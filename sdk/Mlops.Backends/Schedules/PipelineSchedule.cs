namespace Mlops.Backends.Schedules;

/// <summary>A schedule as the backend reports it: its id (Vertex: the resource name; KFP: recurring_run_id), state, cron and template.</summary>
public sealed record PipelineSchedule(string Id, string DisplayName, string Cron, PipelineScheduleState State)
{
    public string? TimeZone { get; init; }

    /// <summary>The template its runs are created from, by version.</summary>
    public string? TemplateUri { get; init; }

    /// <summary>The parameter values its runs get, as JSON text per name.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset? NextRun { get; init; }
}
