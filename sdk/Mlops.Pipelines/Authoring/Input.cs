using Mlops.Pipelines.Graph;

namespace Mlops.Pipelines;

/// <summary>
/// An input of a component or a pipeline, of KFP type <typeparamref name="T"/> (a parameter type or an artifact type).
/// Give it a constant, a pipeline input, or another task's <see cref="Output{T}"/>.
/// Inside <see cref="ContainerComponent.Container"/> it stands for the value at run time (a placeholder).
/// </summary>
public sealed class Input<T> : ValueRef
{
    private readonly Binding? binding;
    private readonly string? source;
    private readonly bool reported;

    private Input(Binding? binding, string? componentInputName, string? source, bool reported = false)
    {
        this.binding = binding;
        ComponentInputName = componentInputName;
        this.source = source;
        this.reported = reported;
    }

    /// <summary>Set when this is the component-side view of an input, used to build placeholders.</summary>
    internal string? ComponentInputName { get; }

    internal override Binding? Binding => binding;

    internal override bool IsComponentPlaceholder => ComponentInputName is not null;

    internal override bool IsReported => reported;

    internal static Input<T> Bound(Binding? binding, string? source = null) => new(binding, null, source);

    internal static Input<T> Placeholder(string name) => new(null, name, null);

    /// <summary>What a call returns after reporting why it cannot give a value.</summary>
    internal static Input<T> Reported() => new(null, null, null, reported: true);

    internal override string Describe() => ComponentInputName is not null ? $"input '{ComponentInputName}'" : source ?? "a value";

    public static implicit operator Input<T>(T value) =>
        new(new ConstantBinding(ClrTypes.ToConstant(value), ClrTypes.ToIoType(typeof(T)) ?? ClrTypes.TypeOfConstant(ClrTypes.ToConstant(value))), null, null);

    public static implicit operator Input<T>(Output<T> output) => new(output.Binding, null, output.Describe());

    public static implicit operator Input<T>(LoopItem<T> item) => new(item.Binding, null, item.Describe());

    /// <summary>An output of a loaded (untyped) component; its KFP type is checked when the task is added.</summary>
    public static implicit operator Input<T>(TaskOutput output) => new(output.Binding, null, output.Describe());

    /// <summary>The value of this parameter input at run time, as a command-line argument.</summary>
    public static implicit operator Arg(Input<T> input) => input.ToArg();

    /// <summary>The local path of this artifact input inside the container.</summary>
    public Arg Path => ArtifactPlaceholder("path");

    /// <summary>The remote URI of this artifact input.</summary>
    public Arg Uri => ArtifactPlaceholder("uri");

    private Arg ArtifactPlaceholder(string field) =>
        ComponentInputName is null ? Arg.Invalid($"{Describe()} is used outside a component's Container")
        : ClrTypes.ToIoType(typeof(T)) is { IsArtifact: true } ? new Arg($"{{{{$.inputs.artifacts['{ComponentInputName}'].{field}}}}}")
        : Arg.Invalid($"input '{ComponentInputName}' is a parameter; .{char.ToUpperInvariant(field[0])}{field[1..]} is only for artifact inputs");

    internal Arg ToArg() =>
        ComponentInputName is null ? Arg.Invalid($"{Describe()} is used outside a component's Container")
        : ClrTypes.ToIoType(typeof(T)) is { IsArtifact: true } ? Arg.Invalid($"input '{ComponentInputName}' is an artifact; pass its .Path or .Uri")
        : new Arg($"{{{{$.inputs.parameters['{ComponentInputName}']}}}}");

    /// <summary>The placeholder text, so inputs can be interpolated into strings: <c>$"--epochs={Epochs}"</c>.</summary>
    public override string ToString() => ToArg().Text;
}
