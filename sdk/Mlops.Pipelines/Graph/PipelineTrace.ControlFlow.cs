using System.Text.Json.Nodes;
using Mlops.Pipelines.Compiler;
using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Graph;

/// <summary>The control flow a pipeline's <c>Build()</c> records: conditions, loops, exit handlers, fan-in and outputs.</summary>
internal sealed partial class PipelineTrace
{
    public ConditionBranch If(Condition condition, Action body, string? displayName, SourceLocation location)
    {
        var group = new ConditionGroup(Current, location, condition) { DisplayName = displayName };
        Current.Children.Add(group);
        Within(group, body);
        return new ConditionBranch(this, group, [condition]);
    }

    public ConditionBranch ElseBranch(ConditionBranch branch, Condition? condition, Action body, string? displayName, SourceLocation location)
    {
        var previousGroup = branch.Group;
        if (previousGroup.Parent is not ConditionBranchesGroup wrapper)
        {
            var parent = previousGroup.Parent!;
            wrapper = new ConditionBranchesGroup(parent, previousGroup.Location);
            parent.Children[parent.Children.IndexOf(previousGroup)] = wrapper;
            previousGroup.Parent = wrapper;
            wrapper.Children.Add(previousGroup);
        }
        var effective = branch.Previous.Select(p => !p).Aggregate((a, b) => a & b);
        if (condition is not null)
        {
            effective &= condition;
        }
        var group = new ConditionGroup(wrapper, location, effective) { DisplayName = displayName };
        wrapper.Children.Add(group);
        Within(group, body);
        return new ConditionBranch(this, group, condition is null ? branch.Previous : [.. branch.Previous, condition]);
    }

    public void ParallelForLiteral<T>(List<T> items, Action<LoopItem<T>> body, int parallelism, SourceLocation location)
    {
        if (items.Count == 0 || parallelism < 0)
        {
            Report(ErrorCodes.Pipelines.LoopOverNonList,
                items.Count == 0 ? "ParallelFor over an empty list runs nothing; give it at least one item." : "ParallelFor's parallelism must be 0 (no limit) or more.",
                location);
        }
        var itemType = ClrTypes.ToIoType(typeof(T)) ?? IoType.Parameter(ParameterType.String);
        var constant = ClrTypes.ToConstant(items);
        var loop = new LoopGroup(Current, location, new ConstantBinding(constant, IoType.Parameter(ParameterType.List)), itemType, Math.Max(parallelism, 0))
        {
            RawItems = PythonJson.Dumps(items),
        };
        Current.Children.Add(loop);
        Within(loop, () => body(new LoopItem<T>(new LoopItemChannel(loop, itemType))));
    }

    public void ParallelForChannel<T>(ValueRef items, Action<LoopItem<T>> body, int parallelism, SourceLocation location)
    {
        if (items.Binding is ConstantBinding { Value: JsonArray array } constant)
        {
            var itemType = ClrTypes.ToIoType(typeof(T)) ?? IoType.Parameter(ParameterType.String);
            var literal = new LoopGroup(Current, location, constant, itemType, Math.Max(parallelism, 0)) { RawItems = PythonJson.Dumps(array) };
            Current.Children.Add(literal);
            Within(literal, () => body(new LoopItem<T>(new LoopItemChannel(literal, itemType))));
            return;
        }
        if (items.Binding is not ChannelBinding { Channel: var channel } binding)
        {
            Report(ErrorCodes.Pipelines.LoopOverNonList, $"ParallelFor is given {items.Describe()}, which has no value; pass a list.", location);
            return;
        }
        IoType elementType;
        if (channel.Type.IsArtifact)
        {
            if (!channel.Type.IsArtifactList)
            {
                Report(ErrorCodes.Pipelines.LoopOverNonList,
                    $"ParallelFor loops over a list, but {Describe(channel)} is a single {channel.Type.Describe()}; pass a list of artifacts (e.g. a Collected output) or a list parameter.", location);
                return;
            }
            elementType = channel.Type with { IsArtifactList = false };
        }
        else if (channel.Type.ParameterType != ParameterType.List)
        {
            Report(ErrorCodes.Pipelines.LoopOverNonList,
                $"ParallelFor loops over a list, but {Describe(channel)} is a {channel.Type.Describe()}; pass a list parameter or a list of artifacts.",
                location);
            return;
        }
        else
        {
            elementType = ClrTypes.ToIoType(typeof(T)) ?? IoType.Parameter(ParameterType.String);
        }
        if (parallelism < 0)
        {
            Report(ErrorCodes.Pipelines.LoopOverNonList, "ParallelFor's parallelism must be 0 (no limit) or more.", location);
        }
        var loop = new LoopGroup(Current, location, binding, elementType, Math.Max(parallelism, 0));
        Current.Children.Add(loop);
        Within(loop, () => body(new LoopItem<T>(new LoopItemChannel(loop, elementType))));
    }

    public PipelineTask<T> ExitHandler<T>(T exitComponent, Action body, string? displayName, SourceLocation location) where T : Component
    {
        if (Current is not RootGroup)
        {
            Report(ErrorCodes.Pipelines.ExitHandlerNotAtRoot,
                "ExitHandler can only be used at the top of a pipeline's Build(), not inside If, ParallelFor or another ExitHandler.", location);
        }
        var exitTask = Run(exitComponent, location);
        var group = new ExitHandlerGroup(Current, location) { DisplayName = displayName, ExitTask = exitTask.Node };
        exitTask.Node.ExitOf = group;
        Current.Children.Add(group);
        Within(group, body);
        return exitTask;
    }

    public Input<IReadOnlyList<T>> Collected<T>(Output<T> output, SourceLocation location)
    {
        if (output.Channel is not { } channel)
        {
            Report(ErrorCodes.Pipelines.ForeignValue, $"Collected is given {output.Describe()}; pass the output of a task inside a ParallelFor.", location);
            return Input<IReadOnlyList<T>>.Reported();
        }
        var loop = channel.Producer.Ancestors().OfType<LoopGroup>().FirstOrDefault();
        if (loop is null || channel.Producer.Parent != loop)
        {
            Report(ErrorCodes.Pipelines.LoopOutputNotCollected,
                loop is null
                    ? $"Collected is for outputs produced inside a ParallelFor, and task '{channel.Producer.Name}' is not in one; use the output directly."
                    : $"Collected takes outputs of tasks placed directly in the ParallelFor; task '{channel.Producer.Name}' is nested in another group inside it.",
                location);
            return Input<IReadOnlyList<T>>.Reported();
        }
        var type = channel.Type.IsArtifact ? channel.Type with { IsArtifactList = true } : IoType.Parameter(ParameterType.List);
        return Input<IReadOnlyList<T>>.Bound(new ChannelBinding(new CollectedChannel(channel, loop, type)), $"the collected output '{channel.Output}' of task '{channel.Producer.Name}'");
    }

    public void SetOutput(ValueRef output, ValueRef value, SourceLocation location)
    {
        var slot = Outputs.FirstOrDefault(o => ReferenceEquals(o.Slot, output));
        if (slot is null)
        {
            Report(ErrorCodes.Pipelines.PipelineOutputNotSet,
                $"SetOutput's first argument must be an Output property of pipeline {Pipeline.GetType().Name}; {output.Describe()} is not one.", location);
            return;
        }
        if (value.Binding is not { } binding)
        {
            Report(ErrorCodes.Pipelines.ForeignValue, $"Pipeline output '{slot.Name}' is given {value.Describe()}, which has no value; pass the output of a task that ran in this pipeline.", location);
            return;
        }
        slot.Value = binding;
        slot.Location = location;
    }

    private void Within(GroupNode group, Action body)
    {
        var saved = Current;
        Current = group;
        try
        {
            body();
        }
        finally
        {
            Current = saved;
        }
    }
}
