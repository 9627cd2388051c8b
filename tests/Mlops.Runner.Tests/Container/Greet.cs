using Mlops.Pipelines;

namespace Mlops.Runner.Tests.Containers;

/// <summary>Writes a greeting (a parameter) and a letter (an artifact) for <see cref="Name"/>, in the busybox image.</summary>
public sealed class Greet : ContainerComponent
{
    public required Input<string> Name { get; init; }
    public Output<string> Greeting { get; } = new();
    public Output<Dataset> Letter { get; } = new();

    protected override Mlops.Pipelines.Container Container => new(TestServices.BaseImage,
        ["sh", "-c", "printf 'hello %s' \"$0\" > \"$1\"; printf 'Dear %s,\\nthis letter was written in a container.\\n' \"$0\" > \"$2\"; echo \"greeted $0\"",
            Name, Greeting.File, Letter.Path]);
}
