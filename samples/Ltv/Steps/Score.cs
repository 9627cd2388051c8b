using Mlops.Pipelines;

namespace Ltv.Steps;

/// <summary>Predicts each customer's spend with a fitted model (components/ltv/score.py).</summary>
public sealed class Score : ContainerComponent
{
    public required Input<Dataset> Features { get; init; }
    public required Input<string> ModelUri { get; init; }
    public Output<Dataset> Values { get; } = new();
    public Output<double> Total { get; } = new();

    protected override Container Container => new("ltv",
        ["python3", "score.py"],
        ["--features", Features.Path, "--model-uri", ModelUri, "--values", Values.Path, "--total", Total.File]);
}
