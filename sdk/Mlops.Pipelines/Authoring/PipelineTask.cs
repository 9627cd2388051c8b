using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Graph;

namespace Mlops.Pipelines;

/// <summary>A task added to a pipeline by <c>Run</c>. Configure it with the <c>With...</c> methods.</summary>
public class PipelineTask
{
    internal PipelineTask(TaskNode node, PipelineTrace trace)
    {
        Node = node;
        Trace = trace;
    }

    internal TaskNode Node { get; }
    internal PipelineTrace Trace { get; }

    /// <summary>The task's name in the DAG (unique in the pipeline).</summary>
    public string Name => Node.Name;

    /// <summary>An output by its KFP name, for components loaded from files.</summary>
    public TaskOutput Output(string name, [System.Runtime.CompilerServices.CallerFilePath] string file = "",
        [System.Runtime.CompilerServices.CallerLineNumber] int line = 0)
    {
        if (!Node.Component.Outputs.TryGetValue(name, out var type))
        {
            var known = Node.Component.Outputs.Count == 0 ? "it has no outputs" : "its outputs are " + string.Join(", ", Node.Component.Outputs.Keys.Select(k => $"'{k}'"));
            Trace.Report(ErrorCodes.Pipelines.UnknownOutput,
                $"Task '{Name}' has no output '{name}'; {known}.", new SourceLocation(file, line));
            type = IoType.Parameter(Ir.ParameterType.String);
        }
        return new TaskOutput(new TaskOutputChannel(Node, name, type));
    }
}

/// <summary>A task of a typed component: <see cref="Outputs"/> gives its outputs to wire into other tasks.</summary>
public sealed class PipelineTask<T> : PipelineTask where T : Component
{
    internal PipelineTask(TaskNode node, PipelineTrace trace, T outputs) : base(node, trace) => Outputs = outputs;

    /// <summary>The component, whose <c>Output&lt;T&gt;</c> properties now refer to this task's outputs.</summary>
    public T Outputs { get; }
}
