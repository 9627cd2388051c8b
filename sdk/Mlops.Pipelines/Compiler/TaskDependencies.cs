using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Graph;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Compiler;

/// <summary>The tasks each node waits for, by name, between siblings of one DAG: KFP's <c>dependentTasks</c>.</summary>
internal sealed class TaskDependencies
{
    /// <summary>Each consumer's upstream siblings, with the <c>.After()</c> call that made the edge (null for data).</summary>
    private readonly Dictionary<Node, Dictionary<Node, AfterCall?>> upstreamOf = [];

    public void Depend(Node consumer, Node producer, AfterCall? call = null)
    {
        if (!upstreamOf.TryGetValue(consumer, out var edges))
        {
            upstreamOf[consumer] = edges = [];
        }
        if (!edges.TryGetValue(producer, out var known) || known is not null && (call is null || call.Order < known.Order))
        {
            // A data edge is kept over an After() one; of two After() calls, the earlier: a cycle is blamed on its last call.
            edges[producer] = call;
        }
    }

    /// <summary>An ordering edge between any two nodes becomes an edge between their ancestors that share a DAG.</summary>
    public void DependLifted(Node consumer, AfterCall call)
    {
        var upstream = call.Upstream;
        var upstreamChain = new List<Node> { upstream };
        upstreamChain.AddRange(upstream.Ancestors());
        var consumerChain = new List<Node> { consumer };
        consumerChain.AddRange(consumer.Ancestors());
        var common = consumer.Ancestors().FirstOrDefault(upstreamChain.Contains);
        if (common is null)
        {
            return;
        }
        var consumerSide = consumerChain.First(n => n.Parent == common);
        var upstreamSide = upstreamChain.First(n => n.Parent == common);
        if (consumerSide != upstreamSide)
        {
            Depend(consumerSide, upstreamSide, call);
        }
    }

    /// <summary>
    /// Reports each DAG whose nodes wait for each other, at the <c>.After()</c> call that closed the cycle (the last one
    /// made); data alone cannot make a cycle, a task only takes outputs of tasks made before it.
    /// </summary>
    public void ReportCycles(Action<string, string, SourceLocation?> report)
    {
        foreach (var siblings in upstreamOf.Keys.GroupBy(n => n.Parent))
        {
            var byName = siblings.Concat(siblings.SelectMany(n => upstreamOf[n].Keys)).Distinct().ToDictionary(n => n.Name, StringComparer.Ordinal);
            var graph = siblings.ToDictionary(n => n.Name, n => upstreamOf[n].Keys.Where(u => u != n).Select(u => u.Name).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
            if (IrGraphCheck.FindCycle(graph) is not { } cycle)
            {
                continue;
            }
            var closing = cycle.Zip(cycle.Skip(1))
                .Select(pair => (Consumer: byName[pair.First], Call: upstreamOf[byName[pair.First]][byName[pair.Second]]))
                .MaxBy(edge => edge.Call?.Order ?? 0);
            var names = string.Join(" -> ", cycle.Select(n => $"'{n}'"));
            report(ErrorCodes.Pipelines.DependencyCycle,
                $"Tasks {names} wait for each other (each waits for the next, through After() or its inputs), so none of them could ever start: KFP refuses the pipeline and a local run would wait forever. Remove this After() call, or the dependency it contradicts.",
                closing.Call?.At ?? closing.Consumer.Location);
        }
    }

    /// <summary>Sets each task's <c>dependentTasks</c> (a node never waits for itself).</summary>
    public void WriteTo(IReadOnlyDictionary<Node, PipelineTaskSpec> taskSpecs)
    {
        foreach (var (node, edges) in upstreamOf)
        {
            var upstream = edges.Keys.Where(u => u != node).Select(u => u.Name).Order(StringComparer.Ordinal).ToList();
            taskSpecs[node].DependentTasks = upstream.Count == 0 ? null : upstream;
        }
    }
}
