using System.Text.Json.Nodes;
using Mlops.Backends.Schedules;
using Mlops.Diagnostics;
using Mlops.Environments;
using Mlops.Pipelines.Hosting;
using Mlops.Pipelines.Ir;
using Mlops.Publishing.Model;
using Mlops.Runner.Execution;

namespace Mlops.Publishing.Runs;

/// <summary>
/// Makes an environment's schedules what the pipeline code declares (<c>[Schedule]</c>) for the release just published:
/// a declared schedule is created, or updated to run the new version (and resumed if it was paused); one of the
/// project's pipelines the code no longer declares is paused. A schedule is found again by its display name
/// (<c>PIPELINE NAME</c>), so publishing again never duplicates one. <see cref="Check"/> runs before anything is pushed.
/// </summary>
public static class ScheduleReconciler
{
    /// <summary>The declared schedules of <paramref name="environment"/>, checked against the pipelines to publish; throws before anything is pushed.</summary>
    public static IReadOnlyList<DeclaredSchedule> Check(IReadOnlyList<DeclaredSchedule> declared, EnvironmentDefinition environment,
        IReadOnlyDictionary<string, IrFile> pipelines)
    {
        var mine = declared.Where(d => d.Environments.Contains(environment.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        var problems = new List<Diagnostic>();
        foreach (var schedule in mine)
        {
            if (environment.Runner is null)
            {
                problems.Add(Diagnostic.Error(ErrorCodes.Runs.NoRunner,
                    $"Pipeline '{schedule.Pipeline}' declares schedule '{schedule.Name}' in environment '{environment.Name}', which has no \"runner\" in the environments file to keep it; add one, or remove '{environment.Name}' from the [Schedule].",
                    environment.Location));
                continue;
            }
            if (!pipelines.TryGetValue(schedule.Pipeline, out var ir))
            {
                continue;
            }
            if (TrainedModel.Trains(ir) && !environment.Training)
            {
                problems.Add(Diagnostic.Error(ErrorCodes.Runs.TrainingOutsideTrainingEnvironment,
                    $"Pipeline '{schedule.Pipeline}' trains a model and declares schedule '{schedule.Name}' in '{environment.Name}', which is not a training environment: models are trained where \"training\": true and promoted from there. Schedule it in the training environment."));
                continue;
            }
            try
            {
                RootParameters.Bind(ir.Spec, schedule.Parameters);
            }
            catch (RunRequestException e)
            {
                problems.Add(Diagnostic.Error(e.Code, $"Schedule '{schedule.Name}' of '{schedule.Pipeline}': {e.Message}"));
            }
        }
        return problems.Count == 0 ? mine : throw new MlopsException(problems);
    }

    /// <param name="pipelines">The project's pipelines the release holds: their schedules are reconciled.</param>
    /// <param name="scheduled">The published template of every pipeline <paramref name="mine"/> schedules.</param>
    /// <param name="listed">Each pipeline's schedules as <see cref="ListAsync"/> found them, where they were listed already; the others are listed here.</param>
    public static async Task ReconcileAsync(IReadOnlyList<DeclaredSchedule> mine, IPipelineScheduler scheduler, IReadOnlyCollection<string> pipelines,
        IReadOnlyDictionary<string, PublishedTemplate> scheduled, string version, TextWriter output, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, IReadOnlyList<PipelineSchedule>>? listed = null)
    {
        foreach (var pipeline in pipelines.Order(StringComparer.Ordinal))
        {
            var existing = listed?.GetValueOrDefault(pipeline) ?? await scheduler.ListAsync(DisplayNamePrefix(pipeline), cancellationToken).ConfigureAwait(false);
            var declared = mine.Where(d => d.Pipeline == pipeline).ToList();
            foreach (var schedule in declared)
            {
                var template = scheduled[pipeline];
                var spec = Spec(schedule, template, version);
                var found = existing.FirstOrDefault(e => e.DisplayName == schedule.DisplayName);
                if (found is null)
                {
                    var created = await scheduler.CreateAsync(spec, cancellationToken).ConfigureAwait(false);
                    output.WriteLine($"  schedule {schedule.DisplayName} '{schedule.Cron}'{Zone(schedule)} created -> {created.Id}");
                    continue;
                }
                if (!Matches(found, spec))
                {
                    await scheduler.UpdateAsync(found.Id, spec, cancellationToken).ConfigureAwait(false);
                    output.WriteLine($"  schedule {schedule.DisplayName} '{schedule.Cron}'{Zone(schedule)} updated to {version} ({template.Version})");
                }
                if (found.State == PipelineScheduleState.Paused)
                {
                    await scheduler.ResumeAsync(found.Id, cancellationToken).ConfigureAwait(false);
                    output.WriteLine($"  schedule {schedule.DisplayName} resumed");
                }
            }
            foreach (var stale in existing.Where(e => e.State == PipelineScheduleState.Active && declared.All(d => d.DisplayName != e.DisplayName)))
            {
                await scheduler.PauseAsync(stale.Id, cancellationToken).ConfigureAwait(false);
                output.WriteLine($"  schedule {stale.DisplayName} paused (the code no longer declares it here)");
            }
        }
    }

    /// <summary>The schedules of each of <paramref name="pipelines"/> the scheduler keeps (their display names start with the pipeline's name), all asked at once.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<PipelineSchedule>>> ListAsync(IPipelineScheduler scheduler, IEnumerable<string> pipelines,
        CancellationToken cancellationToken)
    {
        var names = pipelines.Distinct(StringComparer.Ordinal).ToList();
        var found = await Task.WhenAll(names.Select(p => scheduler.ListAsync(DisplayNamePrefix(p), cancellationToken))).ConfigureAwait(false);
        return names.Zip(found).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    private static string DisplayNamePrefix(string pipeline) => pipeline + " ";

    private static PipelineScheduleSpec Spec(DeclaredSchedule schedule, PublishedTemplate template, string version)
    {
        var run = RunSubmission.Request(template, schedule.Parameters, version, null) with { DisplayName = schedule.DisplayName };
        return new PipelineScheduleSpec(schedule.DisplayName, schedule.Cron, run) { TimeZone = schedule.TimeZone, MaxConcurrentRuns = schedule.MaxConcurrentRuns };
    }

    private static bool Matches(PipelineSchedule found, PipelineScheduleSpec spec) =>
        found.Cron == spec.Cron
        && (found.TimeZone ?? "UTC") == (spec.TimeZone ?? "UTC")
        && found.TemplateUri == spec.Run.TemplateUri
        && found.Parameters.Count == spec.Run.ParameterValues.Count
        && spec.Run.ParameterValues.All(p => found.Parameters.TryGetValue(p.Key, out var text) && JsonNode.DeepEquals(JsonNode.Parse(text), p.Value));

    private static string Zone(DeclaredSchedule schedule) => schedule.TimeZone is { } zone ? $" ({zone})" : "";
}
