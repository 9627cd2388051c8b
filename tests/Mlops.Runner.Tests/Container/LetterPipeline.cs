using Mlops.Pipelines;

namespace Mlops.Runner.Tests.Containers;

/// <summary>Two container tasks: a parameter and an artifact pass from the first to the second.</summary>
[Pipeline("container-letter")]
public sealed class LetterPipeline : Pipeline
{
    public Input<string> Name { get; init; } = "world";
    public Output<string> Summary { get; } = new();
    public Output<long> Lines { get; } = new();
    public Output<Dataset> Letter { get; } = new();

    protected override void Build()
    {
        var greet = Run(new Greet { Name = Name });
        var read = Run(new ReadLetter { Letter = greet.Outputs.Letter, Greeting = greet.Outputs.Greeting });
        SetOutput(Summary, read.Outputs.Summary);
        SetOutput(Lines, read.Outputs.Lines);
        SetOutput(Letter, greet.Outputs.Letter);
    }
}
