using Mlops.Pipelines;

namespace Mlops.Runner.Tests.Containers;

/// <summary>Reads <see cref="Greet"/>'s letter and greeting in another container: a summary and the letter's line count.</summary>
public sealed class ReadLetter : ContainerComponent
{
    public required Input<Dataset> Letter { get; init; }
    public required Input<string> Greeting { get; init; }
    public Output<string> Summary { get; } = new();
    public Output<long> Lines { get; } = new();

    protected override Mlops.Pipelines.Container Container => new(TestServices.BaseImage,
        ["sh", "-c", "printf '%s / %s' \"$1\" \"$(head -n 1 \"$0\")\" > \"$2\"; wc -l < \"$0\" | tr -d ' \\n' > \"$3\"",
            Letter.Path, Greeting, Summary.File, Lines.File]);
}
