namespace Mlops.Backends.Schedules;

public enum PipelineScheduleState
{
    Active,
    Paused,
    /// <summary>Ended: its end time passed or it ran its maximum number of runs.</summary>
    Completed,
}
