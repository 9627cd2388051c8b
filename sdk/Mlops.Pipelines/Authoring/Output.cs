using Mlops.Pipelines.Graph;

namespace Mlops.Pipelines;

/// <summary>
/// An output of a component or a pipeline. Inside <see cref="ContainerComponent.Container"/> use <see cref="Path"/>
/// (artifacts) or <see cref="File"/> (parameters) to tell the program where to write it; after <c>Run</c>, pass it
/// to other tasks' inputs.
/// </summary>
public sealed class Output<T> : ValueRef, IOutputSlot
{
    internal string? Name { get; set; }
    internal TaskOutputChannel? Channel { get; set; }

    Type IOutputSlot.ValueType => typeof(T);

    string? IOutputSlot.Name { get => Name; set => Name = value; }

    TaskOutputChannel? IOutputSlot.Channel { get => Channel; set => Channel = value; }

    internal override Binding? Binding => Channel is null ? null : new ChannelBinding(Channel);

    internal override string Describe() =>
        Channel is not null ? $"output '{Channel.Output}' of task '{Channel.Producer.Name}'"
        : Name is not null ? $"output '{Name}'" : "an output of a component that was never run";

    /// <summary>The local path the program writes this artifact to.</summary>
    public Arg Path => Placeholder("artifacts", "path", artifact: true);

    /// <summary>The remote URI of this artifact.</summary>
    public Arg Uri => Placeholder("artifacts", "uri", artifact: true);

    /// <summary>The file the program writes this parameter's value to.</summary>
    public Arg File => Placeholder("parameters", "output_file", artifact: false);

    private Arg Placeholder(string kind, string field, bool artifact) =>
        Name is null ? Arg.Invalid("an output is used outside its component's Container")
        : (ClrTypes.ToIoType(typeof(T))?.IsArtifact ?? false) != artifact
            ? Arg.Invalid(artifact ? $"output '{Name}' is a parameter; use .File" : $"output '{Name}' is an artifact; use .Path or .Uri")
        : new Arg($"{{{{$.outputs.{kind}['{Name}'].{field}}}}}");
}
