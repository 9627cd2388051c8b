using Mlops.Pipelines.Diagnostics;

namespace Mlops.Pipelines.Graph;

/// <summary>A control-flow group: it becomes a sub-DAG component and a task in its parent's DAG.</summary>
internal abstract class GroupNode(GroupNode? parent, SourceLocation? location, string kind) : Node(parent, location)
{
    public string Kind { get; } = kind;
    public List<Node> Children { get; } = [];

    /// <summary>Assigned by the compiler: KFP numbers groups pipeline-wide in source order.</summary>
    public int Id { get; set; }
    public string? DisplayName { get; set; }
    public override string Name => $"{Kind}-{Id}";
}

internal sealed class RootGroup(SourceLocation? location) : GroupNode(null, location, "root")
{
    public override string Name => "root";
}

internal sealed class ConditionGroup(GroupNode parent, SourceLocation location, Condition condition)
    : GroupNode(parent, location, "condition")
{
    public Condition Condition { get; set; } = condition;
}

internal sealed class ConditionBranchesGroup(GroupNode parent, SourceLocation? location)
    : GroupNode(parent, location, "condition-branches");

internal sealed class LoopGroup(GroupNode parent, SourceLocation location, Binding items, IoType itemType, int parallelism)
    : GroupNode(parent, location, "for-loop")
{
    public Binding Items { get; } = items;
    public IoType ItemType { get; } = itemType;
    public int Parallelism { get; } = parallelism;

    /// <summary>The items as JSON text (Python's json.dumps), for a loop over a literal list.</summary>
    public string? RawItems { get; init; }

    /// <summary>Loops over a literal list take one extra id for their item, as KFP numbers them.</summary>
    public int ItemId { get; set; }

    public string ItemName => Items switch
    {
        ChannelBinding channel => $"{channel.Channel.FullName}-loop-item",
        _ => $"loop-item-param-{ItemId}",
    };
}

internal sealed class ExitHandlerGroup(GroupNode parent, SourceLocation location) : GroupNode(parent, location, "exit-handler")
{
    public TaskNode? ExitTask { get; set; }
}
