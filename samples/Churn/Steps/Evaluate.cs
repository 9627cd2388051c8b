using Mlops.Pipelines;

namespace Churn.Steps;

/// <summary>Scores the model on the test data: F1 as an output parameter, all metrics as an artifact (components/train/evaluate.py).</summary>
public sealed class Evaluate : ContainerComponent
{
    public required Input<Model> Model { get; init; }
    public required Input<Dataset> Data { get; init; }
    public Output<double> F1 { get; } = new();
    public Output<Metrics> Metrics { get; } = new();

    protected override Container Container => new("train",
        ["python3", "evaluate.py"],
        ["--model", Model.Path, "--data", Data.Path, "--f1", F1.File, "--metrics", Metrics.Path]);
}
