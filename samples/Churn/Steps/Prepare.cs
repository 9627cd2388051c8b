using Mlops.Pipelines;

namespace Churn.Steps;

/// <summary>Reads a customer table and splits it into training and test data (components/prepare/prepare.py).</summary>
public sealed class Prepare : ContainerComponent
{
    public required Input<string> Table { get; init; }
    public Input<double> TestFraction { get; init; } = 0.2;
    public Output<Dataset> TrainingData { get; } = new();
    public Output<Dataset> TestData { get; } = new();

    protected override Container Container => new("prepare",
        ["python3", "prepare.py"],
        ["--table", Table, "--test-fraction", TestFraction, "--train", TrainingData.Path, "--test", TestData.Path]);
}
