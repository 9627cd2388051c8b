using Mlops.Diagnostics;

namespace Mlops.Backends.Kfp;

/// <summary>
/// Our 5-field cron (minute hour day-of-month month day-of-week) as KFP's: its scheduled workflows take 6 fields,
/// seconds first, so a schedule fires at second 0. KFP has no time zone: only UTC schedules can be created.
/// </summary>
internal static class KfpCron
{
    public static string ToKfp(string cron, string displayName)
    {
        var fields = cron.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            throw new MlopsException(ErrorCodes.KfpBackend.ScheduleCronInvalid,
                $"Schedule '{displayName}' has the cron '{cron}', which is not 5 fields (minute hour day-of-month month day-of-week): write e.g. \"0 6 * * 1\".");
        }
        return "0 " + string.Join(' ', fields);
    }

    /// <summary>A KFP cron back in our form: the seconds field dropped when it is 0 (as ours are), else as KFP has it.</summary>
    public static string FromKfp(string cron)
    {
        var fields = cron.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return fields is ["0", _, _, _, _, _] ? string.Join(' ', fields[1..]) : cron;
    }

    public static void EnsureUtc(string? timeZone, string displayName)
    {
        if (timeZone is not (null or "" or "UTC" or "Etc/UTC"))
        {
            throw new MlopsException(ErrorCodes.KfpBackend.ScheduleTimeZoneNotUtc,
                $"Schedule '{displayName}' is in time zone '{timeZone}', but Kubeflow Pipelines schedules only in UTC: write its cron in UTC " +
                "and drop the time zone (or use it only in Vertex environments).");
        }
    }
}
