namespace Mlops.Backends.Schedules;

/// <summary>
/// A backend's schedules (Vertex AI's schedules API, KFP's recurring runs): what publish reconciles the schedules
/// declared in the pipeline code against. A schedule is found again by its display name, so it is never duplicated.
/// </summary>
public interface IPipelineScheduler
{
    /// <summary>The backend's schedules whose display name starts with <paramref name="displayNamePrefix"/> (all when empty).</summary>
    Task<IReadOnlyList<PipelineSchedule>> ListAsync(string displayNamePrefix, CancellationToken cancellationToken = default);

    Task<PipelineSchedule> CreateAsync(PipelineScheduleSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Changes an existing schedule's cron and the run it creates (the template it runs, its parameters).</summary>
    Task<PipelineSchedule> UpdateAsync(string scheduleId, PipelineScheduleSpec spec, CancellationToken cancellationToken = default);

    Task PauseAsync(string scheduleId, CancellationToken cancellationToken = default);

    Task ResumeAsync(string scheduleId, CancellationToken cancellationToken = default);
}
