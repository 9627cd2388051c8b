namespace Mlops.Pipelines.Benchmarks.LargeComposition;

/// <summary>
/// A step of a team pipeline: its program (in its command) differs per team and step, so no two executors of the
/// composed IR are alike. The concrete classes (<see cref="Step01"/>...) only give each step its component name.
/// </summary>
public abstract class LargeStep : ContainerComponent
{
    public Input<string>? Text { get; set; }
    public Input<int> Seed { get; set; } = 1;
    public Output<Dataset> Result { get; } = new();
    public Output<string> Summary { get; } = new();

    /// <summary>Which team's program this is (not an input: it is written into the command).</summary>
    public int Team { get; set; }

    public int Index => int.Parse(GetType().Name["Step".Length..], System.Globalization.CultureInfo.InvariantCulture);

    protected override Container Container => new("python:3.11-slim",
        ["sh", "-ec", StepSource.Launcher, StepSource.For(Team, Index)],
        ["--text", Text!, "--seed", Seed, "--result", Result.Path, "--summary", Summary.File]);
}
