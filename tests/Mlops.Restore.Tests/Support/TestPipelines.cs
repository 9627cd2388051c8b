using Mlops.Pipelines;

namespace Mlops.Restore.Tests.Support;

// Small pipelines "published by other teams": compiled to IR by the tests and pushed to a folder registry.

public sealed class Extract : ContainerComponent
{
    public required Input<string> Table { get; init; }
    public Output<Dataset> Data { get; } = new();

    protected override Container Container => new("python:3.11", ["python3", "extract.py", "--table", Table, "--data", Data.Path]);
}

public sealed class Predict : ContainerComponent
{
    public required Input<Dataset> Data { get; init; }
    public Output<Dataset> Predictions { get; } = new();

    protected override Container Container => new("localhost/churn/predict:1.4.2", ["python3", "predict.py", "--data", Data.Path, "--predictions", Predictions.Path]);
}

[Pipeline("churn-prediction", Description = "Scores customers with the churn model.")]
public sealed class ChurnPrediction : Pipeline
{
    [Description("The customer table to score.")]
    public Input<string> Table { get; init; } = "crm.customers";

    public Output<Dataset> Predictions { get; } = new();

    protected override void Build()
    {
        var extract = Run(new Extract { Table = Table });
        var predict = Run(new Predict { Data = extract.Outputs.Data });
        SetOutput(Predictions, predict.Outputs.Predictions);
    }
}

public sealed class Train : ContainerComponent
{
    public required Input<Dataset> Data { get; init; }
    public required Input<string> Region { get; init; }
    public required Input<long> Epochs { get; init; }
    public required Input<double> Threshold { get; init; }
    public required Input<bool> Verbose { get; init; }
    public required Input<string> Note { get; init; }
    public required Input<IReadOnlyList<string>> Tags { get; init; }
    public required Input<IReadOnlyDictionary<string, object>> Params { get; init; }
    public Output<Model> Model { get; } = new();
    public Output<Metrics> Metrics { get; } = new();

    protected override Container Container => new("python:3.11",
    [
        "python3", "train.py", "--data", Data.Path, "--region", Region, "--epochs", Epochs, "--threshold", Threshold, "--verbose", Verbose,
        "--note", Note, "--tags", Tags, "--params", Params, "--model", Model.Path, "--metrics", Metrics.Path,
    ]);
}

/// <summary>Every kind of input a wrapper maps, with defaults of every shape, and names that clash with object's members.</summary>
[Pipeline("everything", Description = "Trains on every kind of input.\nA second line with <markup> & an ampersand.")]
public sealed class Everything : Pipeline
{
    public required Input<string> Region { get; init; }
    public Input<long> Epochs { get; init; } = 10;
    public Input<double> Threshold { get; init; } = 0.5;
    public Input<bool> Verbose { get; init; } = false;

    [KfpName("to_string")]
    public Input<string> Note { get; init; } = "say \"hi\" \\ok";

    public Input<IReadOnlyList<string>> Tags { get; init; } = new List<string> { "a", "b" };
    public Input<IReadOnlyDictionary<string, object>> Params { get; init; } = new Dictionary<string, object> { ["lr"] = 0.1, ["name"] = "x", ["layers"] = new List<object> { 1, 2 } };
    public required Input<Dataset> Data { get; init; }
    public Output<Model> Model { get; } = new();
    public Output<Metrics> Metrics { get; } = new();

    protected override void Build()
    {
        var train = Run(new Train
        {
            Data = Data, Region = Region, Epochs = Epochs, Threshold = Threshold, Verbose = Verbose, Note = Note, Tags = Tags, Params = Params,
        });
        SetOutput(Model, train.Outputs.Model);
        SetOutput(Metrics, train.Outputs.Metrics);
    }
}
