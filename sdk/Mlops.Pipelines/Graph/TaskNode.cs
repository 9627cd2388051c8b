using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Graph;

internal sealed class TaskNode(GroupNode parent, SourceLocation? location, ComponentDefinition component, string name)
    : Node(parent, location)
{
    private string name = name;

    public ComponentDefinition Component { get; } = component;
    public override string Name => name;
    public Dictionary<string, Binding> Inputs { get; } = new(StringComparer.Ordinal);
    public string? DisplayName { get; set; }
    public bool EnableCache { get; set; } = true;
    public RetryPolicy? Retry { get; set; }
    public ResourceSpec? Resources { get; set; }
    public List<EnvVar> Env { get; } = [];

    /// <summary>Set on the exit task of an exit handler: it runs when the handler's body ends, however it ends.</summary>
    public ExitHandlerGroup? ExitOf { get; set; }

    public void Rename(string newName) => name = newName;
}
