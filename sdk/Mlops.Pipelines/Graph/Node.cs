using Mlops.Pipelines.Diagnostics;

namespace Mlops.Pipelines.Graph;

/// <summary>A task or a control-flow group in the traced pipeline tree.</summary>
internal abstract class Node(GroupNode? parent, SourceLocation? location)
{
    public GroupNode? Parent { get; set; } = parent;
    public SourceLocation? Location { get; } = location;

    /// <summary>The key of this node in its parent's DAG.</summary>
    public abstract string Name { get; }

    /// <summary>Tasks this node must wait for although no data flows (<c>.After()</c>).</summary>
    public List<AfterCall> ExplicitUpstream { get; } = [];

    public IEnumerable<GroupNode> Ancestors()
    {
        for (var group = Parent; group is not null; group = group.Parent)
        {
            yield return group;
        }
    }
}
