namespace Mlops.Pipelines;

/// <summary>Anything a pipeline can run as a task: a <see cref="ContainerComponent"/> or another <see cref="Pipeline"/>.</summary>
public abstract class Component
{
    private protected Component()
    {
    }

    /// <summary>The task this instance became; an instance runs once (create a new one per task).</summary>
    internal string? RunAs { get; set; }
}
