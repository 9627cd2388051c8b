using Mlops.Pipelines;

namespace Churn.Steps;

/// <summary>Fits a logistic regression and pickles it (components/train/train.py).</summary>
public sealed class Train : ContainerComponent
{
    public required Input<Dataset> Data { get; init; }
    public Input<int> Epochs { get; init; } = 300;
    public Input<double> LearningRate { get; init; } = 0.5;
    public Output<Model> Model { get; } = new();

    protected override Container Container => new("train",
        ["python3", "train.py"],
        ["--data", Data.Path, "--epochs", Epochs, "--learning-rate", LearningRate, "--model", Model.Path]);
}
