using Mlops.Pipelines.Graph;

namespace Mlops.Pipelines;

/// <summary>The current item of a <c>ParallelFor</c>; pass it to inputs of tasks inside the loop.</summary>
public sealed class LoopItem<T> : ValueRef
{
    internal LoopItem(LoopItemChannel channel) => Channel = channel;

    internal LoopItemChannel Channel { get; }
    internal override Binding Binding => new ChannelBinding(Channel);
    internal override string Describe() => "the loop item";
}
