using Mlops.Pipelines.Diagnostics;

namespace Mlops.Pipelines.Ir;

/// <summary>
/// What KFP's backend checks before it accepts a spec, checked when one is loaded: every name a task, a component or
/// a DAG output refers to exists, and no DAG's tasks wait for each other in a cycle (a run of such a spec never starts,
/// and a local run would wait forever). The line is found in the file's text by the key the problem is under.
/// </summary>
internal static class IrGraphCheck
{
    private const string Advice = "Recompile the file with KFP SDK 2.x or Mlops.Sdk, or correct the name";

    /// <exception cref="PipelineException">A dangling name (MLOPS1074) or a dependency cycle (MLOPS1075).</exception>
    public static void Check(PipelineSpec spec, string text, string sourceName)
    {
        var components = spec.Components ?? [];
        foreach (var (name, component) in components.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (component.ExecutorLabel is { } label && !spec.DeploymentSpec.Executors.ContainsKey(label))
            {
                throw Dangling(text, sourceName, ["components", name],
                    $"component '{name}' runs executor '{label}', which deploymentSpec.executors does not define");
            }
            if (component.ExecutorLabel is null && component.Dag is null)
            {
                throw Dangling(text, sourceName, ["components", name], $"component '{name}' has neither an executorLabel nor a dag, so it cannot run");
            }
        }
        CheckDag(spec.Root.Dag, ["root"], components, text, sourceName);
        foreach (var (name, component) in components.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            CheckDag(component.Dag, ["components", name], components, text, sourceName);
        }
    }

    private static void CheckDag(DagSpec? dag, string[] path, Dictionary<string, ComponentSpec> components, string text, string sourceName)
    {
        var tasks = dag?.Tasks ?? [];
        var where = path.Length == 1 ? "the root DAG" : $"the DAG of component '{path[^1]}'";
        var upstream = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, task) in tasks)
        {
            string[] at = [.. path, "dag", "tasks", name];
            if (!components.ContainsKey(task.ComponentRef.Name))
            {
                throw Dangling(text, sourceName, at, $"task '{name}' of {where} refers to component '{task.ComponentRef.Name}', which the file does not define");
            }
            var waitsFor = upstream[name] = [];
            foreach (var (producer, what) in Producers(task))
            {
                if (!tasks.ContainsKey(producer))
                {
                    throw Dangling(text, sourceName, at, $"task '{name}' of {where} {what} '{producer}', which is not a task of that DAG");
                }
                waitsFor.Add(producer);
            }
        }
        foreach (var (output, producer) in DagOutputProducers(dag))
        {
            if (!tasks.ContainsKey(producer))
            {
                throw Dangling(text, sourceName, [.. path, "dag", "outputs"], $"output '{output}' of {where} comes from task '{producer}', which is not a task of that DAG");
            }
        }
        if (FindCycle(upstream) is { } cycle)
        {
            throw new PipelineException(Diagnostic.Error(ErrorCodes.Pipelines.IrDependencyCycle,
                $"'{sourceName}': in {where}, tasks {string.Join(" -> ", cycle.Select(t => $"'{t}'"))} wait for each other (through dependentTasks or task outputs), so none of them can ever start and KFP refuses the file. Remove one of these dependencies, or recompile the file.",
                new SourceLocation(sourceName, LineOf(text, [.. path, "dag", "tasks", cycle[0]]))));
        }
    }

    private static IEnumerable<(string Producer, string What)> Producers(PipelineTaskSpec task)
    {
        foreach (var name in task.DependentTasks ?? [])
        {
            yield return (name, "depends on task");
        }
        foreach (var (input, parameter) in task.Inputs?.Parameters ?? [])
        {
            if (parameter.TaskOutputParameter is { } output)
            {
                yield return (output.ProducerTask, $"takes input '{input}' from task");
            }
            if (parameter.TaskFinalStatus is { } status)
            {
                yield return (status.ProducerTask, $"takes input '{input}' from the final status of task");
            }
        }
        foreach (var (input, artifact) in task.Inputs?.Artifacts ?? [])
        {
            if (artifact.TaskOutputArtifact is { } output)
            {
                yield return (output.ProducerTask, $"takes input '{input}' from task");
            }
        }
    }

    private static IEnumerable<(string Output, string Producer)> DagOutputProducers(DagSpec? dag)
    {
        foreach (var (name, artifact) in dag?.Outputs?.Artifacts ?? [])
        {
            foreach (var selector in artifact.ArtifactSelectors)
            {
                yield return (name, selector.ProducerSubtask);
            }
        }
        foreach (var (name, parameter) in dag?.Outputs?.Parameters ?? [])
        {
            foreach (var selector in parameter.ValueFromOneof?.ParameterSelectors ?? [])
            {
                yield return (name, selector.ProducerSubtask);
            }
            if (parameter.ValueFromParameter is { } single)
            {
                yield return (name, single.ProducerSubtask);
            }
        }
    }

    /// <summary>A cycle of the graph, as task names from one task back to it; null when there is none. Iterative: a DAG may be long.</summary>
    internal static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, List<string>> upstream)
    {
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the current path, true: done
        foreach (var start in upstream.Keys.Order(StringComparer.Ordinal))
        {
            if (state.ContainsKey(start))
            {
                continue;
            }
            var path = new List<string> { start };
            var next = new Stack<int>();
            next.Push(0);
            state[start] = false;
            while (path.Count > 0)
            {
                var node = path[^1];
                var index = next.Pop();
                var edges = upstream.TryGetValue(node, out var list) ? list : [];
                if (index == edges.Count)
                {
                    state[node] = true;
                    path.RemoveAt(path.Count - 1);
                    continue;
                }
                next.Push(index + 1);
                var target = edges[index];
                if (!state.TryGetValue(target, out var done))
                {
                    state[target] = false;
                    path.Add(target);
                    next.Push(0);
                }
                else if (!done)
                {
                    return [.. path[path.IndexOf(target)..], target];
                }
            }
        }
        return null;
    }

    private static PipelineException Dangling(string text, string sourceName, string[] path, string what) =>
        new(Diagnostic.Error(ErrorCodes.Pipelines.IrDanglingReference, $"'{sourceName}': {what}. {Advice}.",
            new SourceLocation(sourceName, LineOf(text, path))));

    /// <summary>The line of the last key of <paramref name="path"/>, each key searched after the previous one; 0 when not found.</summary>
    private static int LineOf(string text, string[] path)
    {
        var lines = text.Split('\n');
        var found = -1;
        foreach (var key in path)
        {
            var next = Array.FindIndex(lines, found + 1, l => IsKey(l.TrimStart(), key));
            if (next < 0)
            {
                return found + 1;
            }
            found = next;
        }
        return found + 1;
    }

    private static bool IsKey(string line, string key) =>
        line.StartsWith(key + ":", StringComparison.Ordinal) || line.StartsWith($"'{key}':", StringComparison.Ordinal) || line.StartsWith($"\"{key}\":", StringComparison.Ordinal);
}
