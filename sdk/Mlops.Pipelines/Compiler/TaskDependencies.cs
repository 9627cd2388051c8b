using Mlops.Pipelines.Graph;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Compiler;

/// <summary>The tasks each node waits for, by name, between siblings of one DAG: KFP's <c>dependentTasks</c>.</summary>
internal sealed class TaskDependencies
{
    private readonly Dictionary<Node, SortedSet<string>> upstreamOf = [];

    public void Depend(Node consumer, Node producer)
    {
        if (!upstreamOf.TryGetValue(consumer, out var set))
        {
            upstreamOf[consumer] = set = new SortedSet<string>(StringComparer.Ordinal);
        }
        set.Add(producer.Name);
    }

    /// <summary>An ordering edge between any two nodes becomes an edge between their ancestors that share a DAG.</summary>
    public void DependLifted(Node consumer, Node upstream)
    {
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
            Depend(consumerSide, upstreamSide);
        }
    }

    /// <summary>Sets each task's <c>dependentTasks</c> (a node never waits for itself).</summary>
    public void WriteTo(IReadOnlyDictionary<Node, PipelineTaskSpec> taskSpecs)
    {
        foreach (var (node, upstream) in upstreamOf)
        {
            upstream.Remove(node.Name);
            taskSpecs[node].DependentTasks = upstream.Count == 0 ? null : [.. upstream];
        }
    }
}
