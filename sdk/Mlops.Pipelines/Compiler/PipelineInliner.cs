using System.Text.Json;
using Mlops.Pipelines.Graph;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Compiler;

/// <summary>
/// Inlines a compiled pipeline into another as a nested DAG, as KFP composes pipelines: the sub-pipeline's
/// executors and components are copied over under names made unique (<c>comp-train</c> → <c>comp-train-2</c>), and
/// its root becomes the component of the task that runs it. Task names stay as they are: they are scoped per DAG.
/// </summary>
/// <remarks>
/// Only what a rename changes is copied (components, their DAGs, tasks and component references); executors and
/// everything else are the sub-pipeline's own objects, which nothing changes once they are compiled or loaded. A deep
/// copy per use made composing large sub-pipelines slow and doubled their memory.
/// </remarks>
internal static class PipelineInliner
{
    /// <summary>Copies <paramref name="sub"/>'s executors and components into <paramref name="outer"/>; returns the sub root.</summary>
    public static ComponentSpec Inline(PipelineSpec outer, PipelineSpec sub)
    {
        outer.Components ??= [];

        var executorRenames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (label, executor) in sub.DeploymentSpec.Executors.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var unique = KfpNames.MakeUnique(label, outer.DeploymentSpec.Executors.ContainsKey);
            executorRenames[label] = unique;
            outer.DeploymentSpec.Executors[unique] = executor;
        }

        var componentRenames = new Dictionary<string, string>(StringComparer.Ordinal);
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        var subComponents = (sub.Components ?? []).OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        foreach (var (name, _) in subComponents)
        {
            var unique = KfpNames.MakeUnique(name, n => outer.Components.ContainsKey(n) || assigned.Contains(n));
            assigned.Add(unique);
            componentRenames[name] = unique;
        }

        foreach (var (name, component) in subComponents)
        {
            outer.Components[componentRenames[name]] = Renamed(component, executorRenames, componentRenames);
        }
        return Renamed(sub.Root, executorRenames, componentRenames);
    }

    private static ComponentSpec Renamed(ComponentSpec component, Dictionary<string, string> executorRenames, Dictionary<string, string> componentRenames)
    {
        var copy = component.ShallowCopy();
        if (copy.ExecutorLabel is { } label && executorRenames.TryGetValue(label, out var newLabel))
        {
            copy.ExecutorLabel = newLabel;
        }
        if (copy.Dag is { } dag)
        {
            copy.Dag = dag.ShallowCopy();
            if (dag.Tasks is { } tasks)
            {
                copy.Dag.Tasks = new Dictionary<string, PipelineTaskSpec>(tasks.Count, tasks.Comparer);
                foreach (var (taskName, task) in tasks)
                {
                    var taskCopy = task.ShallowCopy();
                    if (componentRenames.TryGetValue(task.ComponentRef.Name, out var newName))
                    {
                        taskCopy.ComponentRef = new ComponentRef { Name = newName };
                    }
                    copy.Dag.Tasks[taskName] = taskCopy;
                }
            }
        }
        return copy;
    }

    // Through UTF-8 bytes, not a JsonNode tree: fewer allocations.
    public static T Clone<T>(T value) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, IrJson.Options), IrJson.Options)!;
}
