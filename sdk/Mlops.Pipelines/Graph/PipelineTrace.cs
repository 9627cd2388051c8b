using System.Text.Json.Nodes;
using Mlops.Pipelines.Compiler;
using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Graph;

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
                Report(ErrorCodes.Pipelines.InvalidComponentDeclaration,
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
            Report(ErrorCodes.Pipelines.ComponentReused,
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
                    Report(ErrorCodes.Pipelines.ForeignValue,
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
                    Report(ErrorCodes.Pipelines.ForeignValue,
                        $"{shape.Type.Name}.{input.Property.Name} is given {value.Describe()}, which has no value; Run that component first, or pass a constant, a pipeline input or a task output.",
                        location);
                }
                givenNoValue.Add(input.Name);
            }
        }

        ComponentDefinition definition = component switch
        {
            ContainerComponent container => ContainerDefinitions.Define(shape, container, location, session.Options.Images, Report),
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
                    Report(ErrorCodes.Pipelines.ForeignValue,
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

    // givenNoValue: inputs given something without a value, already reported, so not "missing" as well.
    private TaskNode AddTask(ComponentDefinition definition, Dictionary<string, Binding> bindings, SourceLocation location, IReadOnlySet<string> givenNoValue)
    {
        var baseName = KfpNames.ToK8s(definition.Name);
        var name = taskNames.Add(baseName.Length == 0 ? "task" : baseName);
        if (!KfpNames.IsValidTaskName(name))
        {
            Report(ErrorCodes.Pipelines.InvalidTaskName,
                $"Task name '{name}' (from component '{definition.Name}') is not a valid Kubernetes name of at most 63 characters; give the component a shorter [Component(Name = ...)].",
                location);
        }
        var task = new TaskNode(Current, location, definition, name);
        foreach (var (input, binding) in bindings)
        {
            if (!definition.Inputs.TryGetValue(input, out var expected))
            {
                var known = definition.Inputs.Count == 0 ? "it has no inputs" : "its inputs are " + string.Join(", ", definition.Inputs.Keys.Select(k => $"'{k}'"));
                Report(ErrorCodes.Pipelines.UnknownInput, $"Component '{definition.Name}' has no input '{input}'; {known}.", location);
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
                Report(ErrorCodes.Pipelines.MissingRequiredInput,
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
            Report(ErrorCodes.Pipelines.ForeignValue,
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
            Report(ErrorCodes.Pipelines.ParameterArtifactMismatch,
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
            (true, true) => (ErrorCodes.Pipelines.ArtifactTypeMismatch, "pass an output of that artifact type"),
            (false, false) => (ErrorCodes.Pipelines.ParameterTypeMismatch, "pass a value of that type or change the input's type"),
            _ => (ErrorCodes.Pipelines.ParameterArtifactMismatch, expected.Type.IsArtifact ? "pass an artifact output, not a parameter" : "pass a parameter, not an artifact"),
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
}
