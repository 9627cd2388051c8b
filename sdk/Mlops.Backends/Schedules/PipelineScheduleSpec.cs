namespace Mlops.Backends.Schedules;

/// <summary>
/// A schedule as the pipeline code declares it: a 5-field cron in <see cref="TimeZone"/> (an IANA name; UTC when
/// null), the run it creates each time (the template by version, typed parameters), at most
/// <see cref="MaxConcurrentRuns"/> at once.
/// </summary>
public sealed record PipelineScheduleSpec(string DisplayName, string Cron, PipelineRunRequest Run)
{
    public string? TimeZone { get; init; }

    public int MaxConcurrentRuns { get; init; } = 1;
}
