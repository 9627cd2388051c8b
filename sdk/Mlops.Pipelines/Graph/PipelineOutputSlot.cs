using Mlops.Pipelines.Diagnostics;

namespace Mlops.Pipelines.Graph;

/// <summary>A pipeline output property and what was set into it.</summary>
internal sealed class PipelineOutputSlot(string name, IoType type, IOutputSlot slot)
{
    public string Name { get; } = name;
    public IoType Type { get; } = type;
    public IOutputSlot Slot { get; } = slot;
    public Binding? Value { get; set; }
    public SourceLocation? Location { get; set; }
}
