using Mlops.Pipelines;

namespace Churn.Steps;

/// <summary>Loads a pickled model and scores customers (components/predict/predict.py).</summary>
public sealed class Predict : ContainerComponent
{
    public required Input<Dataset> Data { get; init; }
    public required Input<string> ModelUri { get; init; }
    public Output<Dataset> Predictions { get; } = new();

    protected override Container Container => new("predict",
        ["python3", "predict.py"],
        ["--data", Data.Path, "--model-uri", ModelUri, "--predictions", Predictions.Path]);
}
