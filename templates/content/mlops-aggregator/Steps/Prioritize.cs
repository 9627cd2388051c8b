using Mlops.Pipelines;

namespace CustomerScoring.Steps;

/// <summary>Joins churn predictions with expected spend and keeps the customers with the most value at risk (components/prioritize/).</summary>
public sealed class Prioritize : ContainerComponent
{
    public required Input<Dataset> Churn { get; init; }
    public required Input<Dataset> Values { get; init; }
    public Input<int> Top { get; init; } = 100;
    public Output<Dataset> Ranking { get; } = new();

    protected override Container Container => new("prioritize",
        ["python3", "prioritize.py"],
        ["--churn", Churn.Path, "--values", Values.Path, "--top", Top, "--ranking", Ranking.Path]);
}
