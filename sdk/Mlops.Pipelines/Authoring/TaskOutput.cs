using Mlops.Pipelines.Graph;

namespace Mlops.Pipelines;

/// <summary>An output of a task whose component was loaded from a file; typed by the component's interface.</summary>
public sealed class TaskOutput : ValueRef
{
    internal TaskOutput(TaskOutputChannel channel) => Channel = channel;

    internal TaskOutputChannel Channel { get; }
    internal override Binding Binding => new ChannelBinding(Channel);
    internal override string Describe() => $"output '{Channel.Output}' of task '{Channel.Producer.Name}'";
}
