using System.Reflection;
using System.Text.RegularExpressions;
using Mlops.Pipelines.Compiler;

namespace Mlops.Pipelines.Hosting;

/// <summary>
/// The <see cref="ScheduleAttribute"/>s of the compiled pipelines, checked where they are written: a cron of five
/// fields, a known time zone, environments named, parameters the pipeline has, one name per pipeline's schedule.
/// </summary>
public static partial class PipelineSchedules
{
    public static (IReadOnlyList<DeclaredSchedule> Schedules, IReadOnlyList<Diagnostic> Diagnostics) Of(IReadOnlyList<PipelineEntry> entries,
        IReadOnlyList<CompiledPipeline> compiled)
    {
        var schedules = new List<DeclaredSchedule>();
        var diagnostics = new List<Diagnostic>();
        foreach (var pipeline in compiled)
        {
            var entry = entries.FirstOrDefault(e => e.Name == pipeline.Name);
            var inputs = pipeline.Spec.Root.InputDefinitions?.Parameters ?? [];
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var attribute in entry?.Type.GetCustomAttributes<ScheduleAttribute>() ?? [])
            {
                var at = attribute.DeclaredAt;
                void Error(string code, string message) => diagnostics.Add(Diagnostic.Error(code, message, at));
                var fields = attribute.Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length != 5 || !fields.All(f => CronField().IsMatch(f)))
                {
                    Error(ErrorCodes.Pipelines.InvalidScheduleCron,
                        $"Schedule '{attribute.Name}' of pipeline '{pipeline.Name}' has cron '{attribute.Cron}', which is not five fields (minute hour day-of-month month day-of-week), e.g. \"0 2 * * *\" for 02:00 every day; put the time zone in TimeZone.");
                }
                if (attribute.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
                {
                    Error(ErrorCodes.Pipelines.UnknownScheduleTimeZone,
                        $"Schedule '{attribute.Name}' of pipeline '{pipeline.Name}' has TimeZone '{zone}', which is not an IANA time zone; use a name such as \"Europe/Paris\" or \"America/New_York\", or leave it out for UTC.");
                }
                if (attribute.Environments.Count == 0 || attribute.Environments.Any(string.IsNullOrWhiteSpace))
                {
                    Error(ErrorCodes.Pipelines.ScheduleWithoutEnvironment,
                        $"Schedule '{attribute.Name}' of pipeline '{pipeline.Name}' names no environment (or an empty one); name the environments it runs in, e.g. [Schedule(\"0 2 * * *\", \"prod\")].");
                }
                if (!names.Add(attribute.Name))
                {
                    Error(ErrorCodes.Pipelines.DuplicateScheduleName,
                        $"Pipeline '{pipeline.Name}' has two schedules named '{attribute.Name}'; give each its own Name.");
                }
                if (attribute.MaxConcurrentRuns is < 1 or > 10)
                {
                    Error(ErrorCodes.Pipelines.InvalidScheduleParameter,
                        $"Schedule '{attribute.Name}' of pipeline '{pipeline.Name}' has MaxConcurrentRuns {attribute.MaxConcurrentRuns}; use 1 to 10 (what a KFP backend accepts).");
                }
                var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var pair in attribute.Parameters)
                {
                    var equals = pair.IndexOf('=');
                    var name = equals > 0 ? pair[..equals] : "";
                    if (equals <= 0 || !inputs.ContainsKey(name))
                    {
                        Error(ErrorCodes.Pipelines.InvalidScheduleParameter, equals <= 0
                            ? $"Schedule '{attribute.Name}' of pipeline '{pipeline.Name}' has parameter '{pair}', which is not NAME=VALUE; write it as \"name=value\"."
                            : $"Schedule '{attribute.Name}' of pipeline '{pipeline.Name}' sets parameter '{name}', which the pipeline does not have; its parameters are {(inputs.Count == 0 ? "none" : string.Join(", ", inputs.Keys.Select(k => $"'{k}'")))}.");
                        continue;
                    }
                    parameters[name] = pair[(equals + 1)..];
                }
                schedules.Add(new DeclaredSchedule(pipeline.Name, attribute.Name, string.Join(' ', fields), attribute.Environments)
                {
                    TimeZone = attribute.TimeZone,
                    Parameters = parameters,
                    MaxConcurrentRuns = attribute.MaxConcurrentRuns,
                });
            }
        }
        return (schedules, diagnostics);
    }

    [GeneratedRegex(@"^[0-9A-Za-z*/,\-?LW#]+$")]
    private static partial Regex CronField();
}
