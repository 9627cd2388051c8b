namespace Mlops.Pipelines.Graph;

/// <summary>A value known only at run time: a pipeline input, a task output, a loop item, or a loop's collected outputs.</summary>
internal abstract class Channel(IoType type)
{
    public IoType Type { get; } = type;

    /// <summary>KFP's "full name", the suffix of the <c>pipelinechannel--</c> inputs that carry it into sub-DAGs.</summary>
    public abstract string FullName { get; }
}

internal sealed class PipelineInputChannel(PipelineTrace owner, string name, IoType type) : Channel(type)
{
    public PipelineTrace Owner { get; } = owner;
    public string Name { get; } = name;
    public override string FullName => Name;
}

internal sealed class TaskOutputChannel(TaskNode producer, string output, IoType type) : Channel(type)
{
    public TaskNode Producer { get; } = producer;
    public string Output { get; } = output;
    public override string FullName => $"{Producer.Name}-{Output}";
}

internal sealed class LoopItemChannel(LoopGroup loop, IoType type) : Channel(type)
{
    public LoopGroup Loop { get; } = loop;
    public override string FullName => Loop.ItemName;
}

/// <summary>Fan-in: every iteration's value of a task output inside a loop, as a list outside it.</summary>
internal sealed class CollectedChannel(TaskOutputChannel inner, LoopGroup loop, IoType type) : Channel(type)
{
    public TaskOutputChannel Inner { get; } = inner;
    public LoopGroup Loop { get; } = loop;
    public override string FullName => Inner.FullName;
}
