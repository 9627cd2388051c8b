using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Graph;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Compiler;

/// <summary>
/// Turns a traced pipeline into a PipelineSpec the way KFP's compiler does: one component (and executor) per task,
/// one sub-DAG component per control-flow group, values carried into sub-DAGs as <c>pipelinechannel--</c> inputs,
/// dependencies lifted to the siblings that share a DAG.
/// </summary>
internal sealed class DagCompiler(PipelineTrace trace, CompileOptions options, PipelineAttribute? attribute)
{
    private const string ChannelPrefix = "pipelinechannel--";

    private readonly PipelineSpec spec = new() { Components = [] };
    private readonly Dictionary<GroupNode, ComponentSpec> groupComponents = [];
    private readonly Dictionary<Node, PipelineTaskSpec> taskSpecs = [];
    private readonly TaskDependencies dependencies = new();
    private readonly HashSet<Condition> reportedComparisons = [];
    private int nextId = 1;

    public PipelineSpec Compile()
    {
        spec.PipelineInfo = new PipelineInfo { Name = trace.Name, DisplayName = attribute?.DisplayName, Description = attribute?.Description };
        spec.SdkVersion = options.SdkVersion;
        AssignIds(trace.Root);

        var root = new ComponentSpec { Dag = new DagSpec() };
        groupComponents[trace.Root] = root;
        spec.Root = root;
        foreach (var (name, input) in trace.Inputs)
        {
            ComponentInterfaces.AddInputDefinition(root, name, input.Type, input.IsOptional, input.DefaultValue, input.Description);
        }
        CompileChildren(trace.Root);
        CompileRootOutputs();
        dependencies.ReportCycles(Report);
        dependencies.WriteTo(taskSpecs);
        return spec;
    }

    private void AssignIds(GroupNode group)
    {
        foreach (var child in group.Children.OfType<GroupNode>())
        {
            if (child is LoopGroup { RawItems: not null } literal)
            {
                literal.ItemId = nextId++;
            }
            child.Id = nextId++;
            AssignIds(child);
        }
    }

    private void CompileChildren(GroupNode group)
    {
        var dag = groupComponents[group].Dag!;
        foreach (var child in group.Children)
        {
            if (child is TaskNode task)
            {
                CompileTask(task, dag);
            }
            else
            {
                CompileGroup((GroupNode)child, dag);
            }
        }
    }

    private void CompileTask(TaskNode node, DagSpec dag)
    {
        var definition = node.Component;
        ComponentSpec component;
        if (definition.Graph is not null)
        {
            component = PipelineInliner.Inline(spec, definition.Graph);
        }
        else
        {
            component = ComponentInterfaces.Of(definition);
            var label = KfpNames.MakeUnique("exec-" + node.Name, spec.DeploymentSpec.Executors.ContainsKey);
            component.ExecutorLabel = label;
            spec.DeploymentSpec.Executors[label] = TaskExecutors.For(definition, node);
        }
        var componentName = KfpNames.MakeUnique("comp-" + node.Name, spec.Components!.ContainsKey);
        spec.Components[componentName] = component;

        var task = new PipelineTaskSpec
        {
            ComponentRef = new ComponentRef { Name = componentName },
            TaskInfo = new TaskInfo { Name = node.DisplayName ?? node.Name },
            CachingOptions = new CachingOptions { EnableCache = node.EnableCache },
            RetryPolicy = node.Retry,
        };
        taskSpecs[node] = task;
        (dag.Tasks ??= [])[node.Name] = task;

        foreach (var (input, binding) in node.Inputs)
        {
            if (node.ExitOf is not null && binding is ChannelBinding { Channel: not PipelineInputChannel } exitBinding)
            {
                Report(ErrorCodes.Pipelines.ExitTaskUsesTaskOutput,
                    $"Exit task '{node.Name}' takes {PipelineTrace.Describe(exitBinding.Channel)} for input '{input}'; an exit task runs even when the tasks it guards failed, so it can only take pipeline inputs and constants.",
                    node.Location);
                continue;
            }
            WireInput(task, node, input, binding);
        }
        if (node.ExitOf is { } handler)
        {
            dependencies.Depend(node, handler);
            task.TriggerPolicy = new TriggerPolicy { Strategy = TriggerStrategy.AllUpstreamTasksCompleted };
            foreach (var (input, _) in definition.Inputs.Where(i => i.Value.Type.ParameterType == ParameterType.TaskFinalStatus))
            {
                Inputs(task).Parameters![input] = new TaskInputParameterSpec { TaskFinalStatus = new TaskFinalStatusReference { ProducerTask = handler.Name } };
            }
        }
        foreach (var call in node.ExplicitUpstream)
        {
            dependencies.DependLifted(node, call);
        }
    }

    private void CompileGroup(GroupNode group, DagSpec parentDag)
    {
        var component = new ComponentSpec { Dag = new DagSpec() };
        var componentName = KfpNames.MakeUnique("comp-" + group.Name, spec.Components!.ContainsKey);
        spec.Components[componentName] = component;
        groupComponents[group] = component;
        var task = new PipelineTaskSpec
        {
            ComponentRef = new ComponentRef { Name = componentName },
            TaskInfo = new TaskInfo { Name = group.DisplayName ?? group.Name },
        };
        taskSpecs[group] = task;
        (parentDag.Tasks ??= [])[group.Name] = task;

        switch (group)
        {
            case ConditionGroup condition:
                foreach (var operand in condition.Condition.Operands())
                {
                    if (operand.Binding is ChannelBinding { Channel: var channel })
                    {
                        Surface(condition, channel, condition);
                    }
                }
                var (cel, code, error, comparison) = CelCondition.Render(condition.Condition);
                // An Else/ElseIf repeats the earlier branches' comparisons (negated): report each bad one once, at its If.
                if (error is not null && reportedComparisons.Add(comparison!))
                {
                    Report(code!, $"If: {error}.", condition.Location);
                }
                task.TriggerPolicy = new TriggerPolicy { Condition = cel };
                break;
            case LoopGroup loop:
                var itemInput = ChannelPrefix + loop.ItemName;
                if (loop.RawItems is not null)
                {
                    task.ParameterIterator = new ParameterIteratorSpec { Items = new ParameterIteratorItems { Raw = loop.RawItems }, ItemInput = itemInput };
                }
                else if (loop.Items is ChannelBinding { Channel: var items })
                {
                    Surface(loop, items, loop);
                    var listInput = ChannelPrefix + items.FullName;
                    if (items.Type.IsArtifact)
                    {
                        task.ArtifactIterator = new ArtifactIteratorSpec { Items = new ArtifactIteratorItems { InputArtifact = listInput }, ItemInput = itemInput };
                    }
                    else
                    {
                        task.ParameterIterator = new ParameterIteratorSpec { Items = new ParameterIteratorItems { InputParameter = listInput }, ItemInput = itemInput };
                    }
                }
                ComponentInterfaces.AddInputDefinition(component, itemInput, loop.ItemType, false, null, null);
                if (loop.Parallelism > 0)
                {
                    task.IteratorPolicy = new IteratorPolicy { ParallelismLimit = loop.Parallelism };
                }
                break;
        }
        CompileChildren(group);
    }

    private void WireInput(PipelineTaskSpec task, Node consumer, string input, Binding binding)
    {
        switch (binding)
        {
            case ConstantBinding constant:
                Inputs(task).Parameters![input] = new TaskInputParameterSpec { RuntimeValue = new RuntimeValue { Constant = constant.Value?.DeepClone() } };
                break;
            case ChannelBinding { Channel: var channel }:
                if (Wire(consumer.Parent!, channel, consumer) is { } source)
                {
                    source.SetOn(task, input, channel.Type);
                }
                break;
        }
    }

    /// <summary>Where a node in <paramref name="dag"/>'s DAG gets <paramref name="channel"/> from; null after reporting why it cannot.</summary>
    private InputSource? Wire(GroupNode dag, Channel channel, Node consumer)
    {
        switch (channel)
        {
            case PipelineInputChannel input:
                return dag is RootGroup ? new InputSource(input.Name) : Surface(dag, channel, consumer);

            case TaskOutputChannel output:
                if (output.Producer.Parent == dag)
                {
                    dependencies.Depend(consumer, output.Producer);
                    return new InputSource(null, output.Producer.Name, output.Output);
                }
                if (output.Producer.Ancestors().Contains(dag))
                {
                    ReportEscape(output, dag, consumer);
                    return null;
                }
                return Surface(dag, channel, consumer);

            case CollectedChannel collected:
                if (collected.Loop.Parent == dag)
                {
                    dependencies.Depend(consumer, collected.Loop);
                    var key = EnsureLoopOutput(collected);
                    return new InputSource(null, collected.Loop.Name, key);
                }
                if (collected.Loop.Ancestors().Contains(dag) || dag == collected.Loop || dag.Ancestors().Contains(collected.Loop))
                {
                    Report(ErrorCodes.Pipelines.OutputEscapesGroup,
                        $"{PipelineTrace.Describe(collected)} can only be used next to its ParallelFor (in the same block of Build()), not {(dag.Ancestors().Contains(collected.Loop) || dag == collected.Loop ? "inside the loop" : "outside the group that contains the loop")}.",
                        consumer.Location);
                    return null;
                }
                return Surface(dag, channel, consumer);

            case LoopItemChannel item:
                if (dag == item.Loop)
                {
                    return new InputSource(ChannelPrefix + item.Loop.ItemName);
                }
                if (!dag.Ancestors().Contains(item.Loop))
                {
                    Report(ErrorCodes.Pipelines.LoopItemOutsideLoop,
                        "A ParallelFor's loop item is used outside that loop; use it only inside the loop's body.", consumer.Location);
                    return null;
                }
                return Surface(dag, channel, consumer);
        }
        return null;
    }

    /// <summary>Carries <paramref name="channel"/> into a sub-DAG as an input named <c>pipelinechannel--FULLNAME</c>.</summary>
    private InputSource? Surface(GroupNode group, Channel channel, Node consumer)
    {
        if (group is RootGroup)
        {
            Report(ErrorCodes.Pipelines.ForeignValue, $"{PipelineTrace.Describe(channel)} does not belong to this pipeline; use only this pipeline's inputs and the outputs of its own tasks.", consumer.Location);
            return null;
        }
        var name = ChannelPrefix + channel.FullName;
        var groupTask = taskSpecs[group];
        var alreadyWired = groupTask.Inputs?.Parameters?.ContainsKey(name) == true || groupTask.Inputs?.Artifacts?.ContainsKey(name) == true;
        if (!alreadyWired)
        {
            if (Wire(group.Parent!, channel, group) is not { } source)
            {
                return null;
            }
            ComponentInterfaces.AddInputDefinition(groupComponents[group], name, channel.Type, false, null, null);
            source.SetOn(groupTask, name, channel.Type);
        }
        return new InputSource(name);
    }

    private void ReportEscape(TaskOutputChannel output, GroupNode dag, Node consumer)
    {
        var between = output.Producer.Ancestors().TakeWhile(g => g != dag).ToList();
        if (between.OfType<LoopGroup>().Any())
        {
            Report(ErrorCodes.Pipelines.LoopOutputNotCollected,
                $"{PipelineTrace.Describe(output)} is produced once per ParallelFor iteration, so it cannot be used outside the loop as a single value; pass Collected({output.Producer.Name}'s output) to get the list of all iterations' values.",
                consumer.Location);
        }
        else
        {
            var kind = between.Last() switch { ConditionGroup => "an If branch", ExitHandlerGroup => "an ExitHandler", _ => "a group" };
            Report(ErrorCodes.Pipelines.OutputEscapesGroup,
                $"{PipelineTrace.Describe(output)} is produced inside {kind} and may not exist outside it; use it only inside that block.",
                consumer.Location);
        }
    }

    private string EnsureLoopOutput(CollectedChannel collected)
    {
        var component = groupComponents[collected.Loop];
        var key = ChannelPrefix + collected.FullName;
        component.OutputDefinitions ??= new ComponentOutputsSpec();
        component.Dag!.Outputs ??= new DagOutputsSpec();
        if (collected.Type.IsArtifact)
        {
            (component.OutputDefinitions.Artifacts ??= [])[key] = new ArtifactSpec { ArtifactType = collected.Type.ToSchema(), IsArtifactList = true };
            (component.Dag.Outputs.Artifacts ??= [])[key] = new DagOutputArtifactSpec
            {
                ArtifactSelectors = [new ArtifactSelector { ProducerSubtask = collected.Inner.Producer.Name, OutputArtifactKey = collected.Inner.Output }],
            };
        }
        else
        {
            (component.OutputDefinitions.Parameters ??= [])[key] = new ParameterSpec { ParameterType = ParameterType.List };
            (component.Dag.Outputs.Parameters ??= [])[key] = new DagOutputParameterSpec
            {
                ValueFromParameter = new ParameterSelector { ProducerSubtask = collected.Inner.Producer.Name, OutputParameterKey = collected.Inner.Output },
            };
        }
        return key;
    }

    private void CompileRootOutputs()
    {
        foreach (var output in trace.Outputs)
        {
            if (output.Value is not ChannelBinding { Channel: var channel })
            {
                Report(ErrorCodes.Pipelines.PipelineOutputNotSet,
                    $"Pipeline output '{output.Name}' is never set; call SetOutput({output.Name}, ...) in Build(), or remove the property.",
                    trace.Root.Location);
                continue;
            }
            (string Producer, string Key)? selector = channel switch
            {
                TaskOutputChannel t when t.Producer.Parent == trace.Root => (t.Producer.Name, t.Output),
                CollectedChannel c when c.Loop.Parent == trace.Root => (c.Loop.Name, EnsureLoopOutput(c)),
                _ => null,
            };
            if (selector is null)
            {
                Report(ErrorCodes.Pipelines.OutputEscapesGroup,
                    $"Pipeline output '{output.Name}' is set to {PipelineTrace.Describe(channel)}; a pipeline output must come from a task at the top level of Build() (or Collected from a top-level ParallelFor).",
                    output.Location);
                continue;
            }
            var root = spec.Root;
            root.OutputDefinitions ??= new ComponentOutputsSpec();
            root.Dag!.Outputs ??= new DagOutputsSpec();
            if (channel.Type.IsArtifact)
            {
                (root.OutputDefinitions.Artifacts ??= [])[output.Name] = new ArtifactSpec { ArtifactType = channel.Type.ToSchema(), IsArtifactList = channel.Type.IsArtifactList };
                (root.Dag.Outputs.Artifacts ??= [])[output.Name] = new DagOutputArtifactSpec
                {
                    ArtifactSelectors = [new ArtifactSelector { ProducerSubtask = selector.Value.Producer, OutputArtifactKey = selector.Value.Key }],
                };
            }
            else
            {
                (root.OutputDefinitions.Parameters ??= [])[output.Name] = new ParameterSpec { ParameterType = channel.Type.ParameterType };
                (root.Dag.Outputs.Parameters ??= [])[output.Name] = new DagOutputParameterSpec
                {
                    ValueFromParameter = new ParameterSelector { ProducerSubtask = selector.Value.Producer, OutputParameterKey = selector.Value.Key },
                };
            }
        }
    }

    private static TaskInputsSpec Inputs(PipelineTaskSpec task)
    {
        task.Inputs ??= new TaskInputsSpec();
        task.Inputs.Parameters ??= [];
        return task.Inputs;
    }

    private void Report(string code, string message, SourceLocation? location) => trace.Report(code, message, location);
}
