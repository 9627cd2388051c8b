using System.Text.Json;
using Mlops.Pipelines.Graph;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Compiler;

/// <summary>
/// Inlines a compiled pipeline into another as a nested DAG, as KFP composes pipelines: the sub-pipeline's
/// executors and components are copied over under names made unique (<c>comp-train</c> → <c>comp-train-2</c>), and
/// its root becomes the component of the task that runs it. Task names stay as they are: they are scoped per DAG.
/// </summary>
internal static class PipelineInliner
{
    /// <summary>Copies <paramref name="sub"/>'s executors and components into <paramref name="outer"/>; returns the sub root.</summary>
    public static ComponentSpec Inline(PipelineSpec outer, PipelineSpec sub)
    {
        var copy = Clone(sub);
        outer.Components ??= [];

        var executorRenames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (label, executor) in copy.DeploymentSpec.Executors.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var unique = KfpNames.MakeUnique(label, outer.DeploymentSpec.Executors.ContainsKey);
            executorRenames[label] = unique;
            outer.DeploymentSpec.Executors[unique] = executor;
        }

        var componentRenames = new Dictionary<string, string>(StringComparer.Ordinal);
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        var subComponents = (copy.Components ?? []).OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        foreach (var (name, _) in subComponents)
        {
            var unique = KfpNames.MakeUnique(name, n => outer.Components.ContainsKey(n) || assigned.Contains(n));
            assigned.Add(unique);
            componentRenames[name] = unique;
        }

        foreach (var component in subComponents.Select(c => c.Value).Append(copy.Root))
        {
            if (component.ExecutorLabel is { } label && executorRenames.TryGetValue(label, out var newLabel))
            {
                component.ExecutorLabel = newLabel;
            }
            foreach (var task in component.Dag?.Tasks?.Values ?? Enumerable.Empty<PipelineTaskSpec>())
            {
                if (componentRenames.TryGetValue(task.ComponentRef.Name, out var newName))
                {
                    task.ComponentRef.Name = newName;
                }
            }
        }
        foreach (var (name, component) in subComponents)
        {
            outer.Components[componentRenames[name]] = component;
        }
        return copy.Root;
    }

    // Through UTF-8 bytes, not a JsonNode tree: a large sub-pipeline is copied with a fraction of the allocations.
    public static PipelineSpec Clone(PipelineSpec spec) => Clone<PipelineSpec>(spec);

    public static T Clone<T>(T value) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, IrJson.Options), IrJson.Options)!;
}
