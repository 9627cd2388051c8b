using System.Text.Json.Nodes;

namespace Mlops.Pipelines.Graph;

/// <summary>What a task input is given: a constant known at compile time, or a channel.</summary>
internal abstract record Binding;

internal sealed record ConstantBinding(JsonNode? Value, IoType Type) : Binding;

internal sealed record ChannelBinding(Channel Channel) : Binding;
