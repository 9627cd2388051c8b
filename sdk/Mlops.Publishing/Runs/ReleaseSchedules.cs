using Mlops.Backends;
using Mlops.Backends.Schedules;
using Mlops.Environments;
using Mlops.Pipelines.Hosting;
using Mlops.Pipelines.Ir;
using Mlops.Publishing.Release;

namespace Mlops.Publishing.Runs;

/// <summary>
/// The schedule step of <c>dotnet publish</c> to an environment with a runner: the schedules the build wrote next to
/// the IR (<see cref="DeclaredSchedule.FileName"/>) are checked before anything is pushed (<see cref="Plan"/>) and
/// reconciled once the release landed (<see cref="ApplyAsync"/>), against the versions the registry reported. The
/// runner's schedules are listed from the start, while the release is checked and pushed: a publish with nothing to
/// change waits for its slowest part, not for their sum.
/// </summary>
public sealed class ReleaseSchedules
{
    private readonly IReadOnlyList<DeclaredSchedule> mine;
    private readonly Task<(ConnectedRunner Runner, IReadOnlyDictionary<string, IReadOnlyList<PipelineSchedule>> Listed)> listing;

    private ReleaseSchedules(IReadOnlyList<DeclaredSchedule> mine, EnvironmentDefinition environment, IEnumerable<string> pipelines, CancellationToken cancellationToken)
    {
        this.mine = mine;
        listing = Task.Run(async () =>
        {
            var runner = RunnerConnector.Connect(environment);
            return (runner, await ScheduleReconciler.ListAsync(runner.Schedules, pipelines, cancellationToken));
        }, cancellationToken);
        // Observed in ApplyAsync; a publish that fails before it does not leave an unobserved fault behind.
        listing.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
    }

    /// <summary>Null when the environment has no runner and the code schedules nothing there.</summary>
    public static ReleaseSchedules? Plan(string pipelinesFolder, MlopsEnvironment target, CancellationToken cancellationToken = default)
    {
        var declared = DeclaredSchedule.Read(pipelinesFolder);
        if (target.Definition is not { } definition || (definition.Runner is null && declared.Count == 0))
        {
            return null;
        }
        var pipelines = declared.Select(d => d.Pipeline).Distinct(StringComparer.Ordinal)
            .Select(name => Path.Combine(pipelinesFolder, name + ".yaml"))
            .Where(File.Exists)
            .Select(IrFile.Load)
            .ToDictionary(ir => ir.Spec.PipelineInfo.Name, StringComparer.Ordinal);
        var mine = ScheduleReconciler.Check(declared, definition, pipelines);
        var compiled = Directory.Exists(pipelinesFolder)
            ? Directory.EnumerateFiles(pipelinesFolder, "*.yaml").Select(Path.GetFileNameWithoutExtension).OfType<string>()
            : [];
        return definition.Runner is null ? null : new ReleaseSchedules(mine, definition, compiled.ToList(), cancellationToken);
    }

    public async Task ApplyAsync(MlopsEnvironment target, PublishedRelease published, TextWriter output, CancellationToken cancellationToken)
    {
        var (runner, listed) = await listing;
        var scheduled = new Dictionary<string, PublishedTemplate>(StringComparer.Ordinal);
        foreach (var pipeline in mine.Select(s => s.Pipeline).Distinct(StringComparer.Ordinal).Where(published.Pipelines.ContainsKey))
        {
            // The scheduled runs get the IR the environment holds (images pinned to its registry), by version.
            var digest = published.Pipelines[pipeline];
            var bytes = await target.Registries.PipelineTemplates.GetAsync(pipeline, digest, cancellationToken);
            scheduled[pipeline] = PublishedTemplate.Of(target.Registries.PipelineTemplates, pipeline, published.Version, ContentDigest.Parse(digest), bytes);
        }
        await ScheduleReconciler.ReconcileAsync(mine.Where(s => scheduled.ContainsKey(s.Pipeline)).ToList(), runner.Schedules, [.. published.Pipelines.Keys],
            scheduled, published.Version, output, cancellationToken, listed);
    }
}
