using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mlops.Pipelines.Compiler;
using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Ir;

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

/// <summary>
/// Records what a pipeline's <c>Build()</c> does: tasks, control-flow groups, inputs and outputs, and every problem
/// found on the way (with the user's file and line). The compiler turns the result into IR.
/// </summary>
internal sealed partial class PipelineTrace
{
    private readonly UniqueNames taskNames = new();
    private readonly HashSet<TaskNode> tasks = [];
    private readonly HashSet<Type> reportedDeclarations = [];
    private readonly CompileSession session;

    public PipelineTrace(Pipeline pipeline, string name, CompileSession session, SourceLocation? location)
    {
        Pipeline = pipeline;
        Name = name;
        this.session = session;
        Root = new RootGroup(location);
        Current = Root;
        BindPipelineIo();
    }

    public Pipeline Pipeline { get; }
    public string Name { get; }
    public RootGroup Root { get; }
    public GroupNode Current { get; private set; }
    public List<Diagnostic> Diagnostics { get; } = [];
    public Dictionary<string, InputDefinition> Inputs { get; } = new(StringComparer.Ordinal);
    public List<PipelineOutputSlot> Outputs { get; } = [];

    public bool Owns(TaskNode task) => tasks.Contains(task);

    public void Report(string code, string message, SourceLocation? location) =>
        Diagnostics.Add(Diagnostic.Error(code, message, location));

    private void BindPipelineIo()
    {
        var shape = ComponentShape.Of(Pipeline.GetType());
        ReportDeclarationProblems(shape, Root.Location);
        foreach (var input in shape.Inputs.Where(i => i.Type is not null && i.Property.SetMethod is not null))
        {
            var given = (input.Property.GetValue(Pipeline) as ValueRef)?.Binding as ConstantBinding;
            Inputs[input.Name] = new InputDefinition(input.Type!, given is not null, given?.Value, input.Description);
            var channel = new PipelineInputChannel(this, input.Name, input.Type!);
            input.Property.SetValue(Pipeline, IoObjects.BoundInput(input.ValueType, new ChannelBinding(channel), $"pipeline input '{input.Name}'"));
        }
        foreach (var output in shape.Outputs.Where(o => o.Type is not null))
        {
            if (output.Property.GetValue(Pipeline) is IOutputSlot slot)
            {
                slot.Name = output.Name;
                Outputs.Add(new PipelineOutputSlot(output.Name, output.Type!, slot));
            }
            else
            {
                Report(DiagnosticCodes.InvalidComponentDeclaration,
                    $"Pipeline {Pipeline.GetType().Name}: output '{output.Property.Name}' is null; initialize it with '= new();'.", Root.Location);
            }
        }
    }

    private void ReportDeclarationProblems(ComponentShape shape, SourceLocation? location)
    {
        if (!reportedDeclarations.Add(shape.Type))
        {
            return;
        }
        foreach (var (code, problem) in shape.DeclarationProblems())
        {
            Report(code, $"{shape.Type.Name}: {problem}.", location);
        }
    }

    public PipelineTask<T> Run<T>(T component, SourceLocation location) where T : Component
    {
        ArgumentNullException.ThrowIfNull(component);
        var reused = component.RunAs is not null;
        if (component.RunAs is { } previous)
        {
            Report(DiagnosticCodes.ComponentReused,
                $"This {typeof(T).Name} instance already ran as task '{previous}'; create a new instance for each task (Run(new {typeof(T).Name} {{ ... }})).",
                location);
        }
        var shape = ComponentShape.Of(component.GetType());
        ReportDeclarationProblems(shape, location);

        var bindings = new Dictionary<string, Binding>(StringComparer.Ordinal);
        var givenNoValue = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in shape.Inputs.Where(i => i.Type is not null))
        {
            var value = input.Property.GetValue(component) as ValueRef;
            if (value is { IsComponentPlaceholder: true })
            {
                // A reused instance holds the placeholders its first Run put there; MLOPS1023 already says what to do.
                if (!reused)
                {
                    Report(DiagnosticCodes.ForeignValue,
                        $"{shape.Type.Name}.{input.Property.Name} is given {value.Describe()} of another component; pass a pipeline input, a constant or a task output.",
                        location);
                }
                givenNoValue.Add(input.Name);
                continue;
            }
            if (value?.Binding is { } binding)
            {
                bindings[input.Name] = binding;
            }
            else if (value is not null)
            {
                if (!value.IsReported)
                {
                    Report(DiagnosticCodes.ForeignValue,
                        $"{shape.Type.Name}.{input.Property.Name} is given {value.Describe()}, which has no value; Run that component first, or pass a constant, a pipeline input or a task output.",
                        location);
                }
                givenNoValue.Add(input.Name);
            }
        }

        ComponentDefinition definition = component switch
        {
            ContainerComponent container => DefineContainer(shape, container, location),
            global::Mlops.Pipelines.Pipeline => session.DefineNested(shape, location, Diagnostics),
            SubPipeline sub => DefineSubPipeline(sub, shape, location),
            _ => throw new NotSupportedException(component.GetType().FullName),
        };

        var task = AddTask(definition, bindings, location, givenNoValue);
        foreach (var output in shape.Outputs.Where(o => o.Type is not null))
        {
            if (output.Property.GetValue(component) is IOutputSlot slot)
            {
                slot.Name ??= output.Name;
                slot.Channel = new TaskOutputChannel(task, output.Name, output.Type!);
            }
        }
        component.RunAs = task.Name;
        return new PipelineTask<T>(task, this, component);
    }

    public PipelineTask Run(KfpComponent component, IReadOnlyDictionary<string, ValueRef> inputs, SourceLocation location)
    {
        var bindings = new Dictionary<string, Binding>(StringComparer.Ordinal);
        var givenNoValue = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in inputs)
        {
            if (value?.Binding is { } binding)
            {
                bindings[name] = binding;
            }
            else
            {
                if (value is not { IsReported: true })
                {
                    Report(DiagnosticCodes.ForeignValue,
                        $"Input '{name}' of {component.Name} is given {value?.Describe() ?? "null"}, which has no value; pass a constant, a pipeline input or the output of a task that ran.",
                        location);
                }
                givenNoValue.Add(name);
            }
        }
        return new PipelineTask(AddTask(component.Definition, bindings, location, givenNoValue), this);
    }

    private ComponentDefinition DefineSubPipeline(SubPipeline sub, ComponentShape shape, SourceLocation location)
    {
        try
        {
            return sub.Definition();
        }
        catch (PipelineException e)
        {
            foreach (var diagnostic in e.Diagnostics)
            {
                Diagnostics.Add(diagnostic with { Location = location });
            }
            return new ComponentDefinition { Name = shape.Name, Inputs = new Dictionary<string, InputDefinition>(), Outputs = new Dictionary<string, IoType>() };
        }
    }

    private ComponentDefinition DefineContainer(ComponentShape shape, ContainerComponent component, SourceLocation location)
    {
        foreach (var input in shape.Inputs.Where(i => i.Type is not null && i.Property.SetMethod is not null))
        {
            input.Property.SetValue(component, IoObjects.PlaceholderInput(input.ValueType, input.Name));
        }
        foreach (var output in shape.Outputs.Where(o => o.Type is not null))
        {
            if (output.Property.GetValue(component) is IOutputSlot slot)
            {
                slot.Name = output.Name;
            }
            else
            {
                Report(DiagnosticCodes.InvalidComponentDeclaration,
                    $"{shape.Type.Name}: output '{output.Property.Name}' is null; initialize it with '= new();'.", location);
            }
        }

        Container? container = null;
        try
        {
            container = component.GetContainer();
        }
        catch (Exception e)
        {
            Report(DiagnosticCodes.PipelineBuildFailed,
                $"{shape.Type.Name}.Container threw {e.GetType().Name}: {e.Message}", location);
        }

        return new ComponentDefinition
        {
            Name = shape.Name,
            Description = shape.Description,
            Inputs = shape.Inputs.Where(i => i.Type is not null).DistinctBy(i => i.Name).ToDictionary(
                i => i.Name,
                i => new InputDefinition(i.Type!, shape.Defaults.ContainsKey(i.Name), shape.Defaults.GetValueOrDefault(i.Name), i.Description)),
            Outputs = shape.Outputs.Where(o => o.Type is not null).DistinctBy(o => o.Name).ToDictionary(o => o.Name, o => o.Type!),
            Container = container is null ? new ContainerSpec() : new ContainerSpec
            {
                Image = ResolveImage(container.Image, shape, location),
                Command = container.Command.Count == 0 ? null : Texts(container.Command, shape, location),
                Args = container.Args is not { Count: > 0 } ? null : Texts(container.Args, shape, location),
                Env = container.Env is not { Count: > 0 } ? null : container.Env.Select(e => new EnvVar { Name = e.Key, Value = e.Value }).ToList(),
            },
        };
    }

    private List<string> Texts(IReadOnlyList<Arg> args, ComponentShape shape, SourceLocation location)
    {
        // A declaration problem (e.g. an input without init) also breaks its placeholders; report only the cause.
        var errors = shape.DeclarationProblems().Any() ? [] : args.Select(a => a.Error).OfType<string>().Distinct();
        foreach (var error in errors)
        {
            Report(DiagnosticCodes.InvalidPlaceholderUse, $"{shape.Type.Name}.Container: {error}.", location);
        }
        return args.Select(a => a.Text ?? "").ToList();
    }

    [GeneratedRegex(@"^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$")]
    private static partial Regex ImageReference();

    private string ResolveImage(string image, ComponentShape shape, SourceLocation location)
    {
        if (session.Options.Images.TryGetValue(image, out var reference))
        {
            return reference;
        }
        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        if (ImageReference().IsMatch(image) && (lastSegment.Contains(':') || image.Contains('@')))
        {
            return image;
        }
        var declared = session.Options.Images.Count == 0 ? "this project declares no component images"
            : "this project's components are " + string.Join(", ", session.Options.Images.Keys.Order(StringComparer.Ordinal).Select(k => $"'{k}'"));
        Report(DiagnosticCodes.UndeclaredImage,
            $"{shape.Type.Name} uses image '{image}', which is neither a component of this project ({declared}) nor a full image reference with a tag or digest. Add components/{image}/Dockerfile, or write the full reference (e.g. 'python:3.11').",
            location);
        return image;
    }

    // givenNoValue: inputs given something without a value, already reported, so not "missing" as well.
    private TaskNode AddTask(ComponentDefinition definition, Dictionary<string, Binding> bindings, SourceLocation location, IReadOnlySet<string> givenNoValue)
    {
        var baseName = KfpNames.ToK8s(definition.Name);
        var name = taskNames.Add(baseName.Length == 0 ? "task" : baseName);
        if (!KfpNames.IsValidTaskName(name))
        {
            Report(DiagnosticCodes.InvalidTaskName,
                $"Task name '{name}' (from component '{definition.Name}') is not a valid Kubernetes name of at most 63 characters; give the component a shorter [Component(Name = ...)].",
                location);
        }
        var task = new TaskNode(Current, location, definition, name);
        foreach (var (input, binding) in bindings)
        {
            if (!definition.Inputs.TryGetValue(input, out var expected))
            {
                var known = definition.Inputs.Count == 0 ? "it has no inputs" : "its inputs are " + string.Join(", ", definition.Inputs.Keys.Select(k => $"'{k}'"));
                Report(DiagnosticCodes.UnknownInput, $"Component '{definition.Name}' has no input '{input}'; {known}.", location);
                continue;
            }
            if (!CheckBinding(definition, input, expected, binding, location))
            {
                continue;
            }
            if (binding is ConstantBinding constant && expected.DefaultValue is not null && JsonNode.DeepEquals(constant.Value, expected.DefaultValue))
            {
                continue;
            }
            task.Inputs[input] = binding;
        }
        foreach (var (input, expected) in definition.Inputs)
        {
            if (!expected.IsOptional && !bindings.ContainsKey(input) && !givenNoValue.Contains(input) && expected.Type.ParameterType != ParameterType.TaskFinalStatus)
            {
                Report(DiagnosticCodes.MissingRequiredInput,
                    $"Component '{definition.Name}' needs input '{input}' ({expected.Type.Describe()}); give it a value.", location);
            }
        }
        Current.Children.Add(task);
        tasks.Add(task);
        return task;
    }

    private bool CheckBinding(ComponentDefinition definition, string input, InputDefinition expected, Binding binding, SourceLocation location)
    {
        if (binding is ChannelBinding { Channel: var channel } && !IsOwn(channel))
        {
            Report(DiagnosticCodes.ForeignValue,
                $"Input '{input}' of '{definition.Name}' is given a value from another pipeline; a pipeline can only use its own inputs and tasks.",
                location);
            return false;
        }
        var actual = binding switch
        {
            ConstantBinding c => c.Type,
            ChannelBinding c => c.Channel.Type,
            _ => throw new InvalidOperationException(),
        };
        if (binding is ConstantBinding && expected.Type.IsArtifact)
        {
            Report(DiagnosticCodes.ParameterArtifactMismatch,
                $"Input '{input}' of '{definition.Name}' is a {expected.Type.Describe()} and cannot take a constant; pass another task's output.",
                location);
            return false;
        }
        if (actual.CanFeed(expected.Type))
        {
            return true;
        }
        var (code, hint) = (actual.IsArtifact, expected.Type.IsArtifact) switch
        {
            (true, true) => (DiagnosticCodes.ArtifactTypeMismatch, "pass an output of that artifact type"),
            (false, false) => (DiagnosticCodes.ParameterTypeMismatch, "pass a value of that type or change the input's type"),
            _ => (DiagnosticCodes.ParameterArtifactMismatch, expected.Type.IsArtifact ? "pass an artifact output, not a parameter" : "pass a parameter, not an artifact"),
        };
        var source = binding is ChannelBinding cb ? Describe(cb.Channel) : "a constant";
        Report(code, $"Input '{input}' of '{definition.Name}' is a {expected.Type.Describe()}, but it is given {source}, a {actual.Describe()}; {hint}.", location);
        return false;
    }

    private bool IsOwn(Channel channel) => channel switch
    {
        PipelineInputChannel p => ReferenceEquals(p.Owner, this),
        TaskOutputChannel t => tasks.Contains(t.Producer),
        CollectedChannel c => tasks.Contains(c.Inner.Producer),
        _ => true,
    };

    internal static string Describe(Channel channel) => channel switch
    {
        PipelineInputChannel p => $"pipeline input '{p.Name}'",
        TaskOutputChannel t => $"output '{t.Output}' of task '{t.Producer.Name}'",
        CollectedChannel c => $"the collected output '{c.Inner.Output}' of task '{c.Inner.Producer.Name}'",
        LoopItemChannel => "the loop item",
        _ => "a value",
    };

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
            Report(DiagnosticCodes.LoopOverNonList,
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
            Report(DiagnosticCodes.LoopOverNonList, $"ParallelFor is given {items.Describe()}, which has no value; pass a list.", location);
            return;
        }
        IoType elementType;
        if (channel.Type.IsArtifact)
        {
            if (!channel.Type.IsArtifactList)
            {
                Report(DiagnosticCodes.LoopOverNonList,
                    $"ParallelFor loops over a list, but {Describe(channel)} is a single {channel.Type.Describe()}; pass a list of artifacts (e.g. a Collected output) or a list parameter.", location);
                return;
            }
            elementType = channel.Type with { IsArtifactList = false };
        }
        else if (channel.Type.ParameterType != ParameterType.List)
        {
            Report(DiagnosticCodes.LoopOverNonList,
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
            Report(DiagnosticCodes.LoopOverNonList, "ParallelFor's parallelism must be 0 (no limit) or more.", location);
        }
        var loop = new LoopGroup(Current, location, binding, elementType, Math.Max(parallelism, 0));
        Current.Children.Add(loop);
        Within(loop, () => body(new LoopItem<T>(new LoopItemChannel(loop, elementType))));
    }

    public PipelineTask<T> ExitHandler<T>(T exitComponent, Action body, string? displayName, SourceLocation location) where T : Component
    {
        if (Current is not RootGroup)
        {
            Report(DiagnosticCodes.ExitHandlerNotAtRoot,
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
            Report(DiagnosticCodes.ForeignValue, $"Collected is given {output.Describe()}; pass the output of a task inside a ParallelFor.", location);
            return Input<IReadOnlyList<T>>.Reported();
        }
        var loop = channel.Producer.Ancestors().OfType<LoopGroup>().FirstOrDefault();
        if (loop is null || channel.Producer.Parent != loop)
        {
            Report(DiagnosticCodes.LoopOutputNotCollected,
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
            Report(DiagnosticCodes.PipelineOutputNotSet,
                $"SetOutput's first argument must be an Output property of pipeline {Pipeline.GetType().Name}; {output.Describe()} is not one.", location);
            return;
        }
        if (value.Binding is not { } binding)
        {
            Report(DiagnosticCodes.ForeignValue, $"Pipeline output '{slot.Name}' is given {value.Describe()}, which has no value; pass the output of a task that ran in this pipeline.", location);
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
