namespace Mlops.Pipelines;

/// <summary>
/// A step that runs a container. Declare inputs as <c>Input&lt;T&gt;</c> properties with <c>init</c>, outputs as
/// <c>Output&lt;T&gt;</c> properties initialized with <c>new()</c>, and say what runs in <see cref="Container"/>.
/// </summary>
public abstract class ContainerComponent : Component
{
    /// <summary>
    /// The image and command. The image is the name of a component folder of this project (<c>components/NAME/</c>)
    /// or a full reference with a tag or digest (<c>python:3.11</c>, <c>registry/repo@sha256:...</c>).
    /// </summary>
    protected abstract Container Container { get; }

    internal Container GetContainer() => Container;
}
