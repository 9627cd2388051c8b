using Mlops.Pipelines;

namespace Mlops.Pipelines.Tests.Samples;

public sealed class Prepare : ContainerComponent
{
    public required Input<string> Table { get; init; }
    public Input<double> TestFraction { get; init; } = 0.2;
    public Output<Dataset> Train { get; } = new();
    public Output<Dataset> Test { get; } = new();

    protected override Container Container => new("python:3.11",
        ["python3", "prepare.py"],
        ["--table", Table, "--test-fraction", TestFraction, "--train", Train.Path, "--test", Test.Path]);
}

public sealed class Train : ContainerComponent
{
    public required Input<Dataset> Data { get; init; }
    public Input<int> Epochs { get; init; } = 10;
    public Output<Model> Model { get; } = new();

    protected override Container Container => new("python:3.11",
        ["python3", "train.py", "--data", Data.Path, "--epochs", Epochs, "--model", Model.Path]);
}

public sealed class Evaluate : ContainerComponent
{
    public required Input<Model> Model { get; init; }
    public required Input<Dataset> Data { get; init; }
    public Output<double> F1 { get; } = new();
    public Output<Metrics> Metrics { get; } = new();

    protected override Container Container => new("python:3.11",
        ["python3", "evaluate.py", "--model", Model.Path, "--data", Data.Path, "--f1", F1.File, "--metrics", Metrics.Path]);
}

public sealed class Register : ContainerComponent
{
    public required Input<Model> Model { get; init; }
    public Input<string> Stage { get; init; } = "candidate";

    protected override Container Container => new("python:3.11",
        ["python3", "register.py", "--model", Model.Uri, $"--stage={Stage}"]);
}

public sealed class Notify : ContainerComponent
{
    public Input<TaskFinalStatus> Status { get; init; } = null!;
    public required Input<string> Channel { get; init; }

    protected override Container Container => new("python:3.11", ["python3", "notify.py", "--status", Status.ToString(), "--channel", Channel]);
}

public sealed class Echo : ContainerComponent
{
    public required Input<string> Message { get; init; }
    public Output<string> Said { get; } = new();

    protected override Container Container => new("python:3.11", ["sh", "-c", "echo \"$0\" | tee \"$1\"", Message, Said.File]);
}

public sealed class ListShards : ContainerComponent
{
    public Output<IReadOnlyList<string>> Shards { get; } = new();

    protected override Container Container => new("python:3.11", ["python3", "shards.py", Shards.File]);
}

[Pipeline("churn-training", Description = "Trains the churn model\nand registers it when it is good enough.")]
public sealed class ChurnTraining : Pipeline
{
    public Input<string> Table { get; init; } = "crm.customers";
    public Input<double> MinF1 { get; init; } = 0.8;
    public Output<Model> Model { get; } = new();

    protected override void Build()
    {
        var prep = Run(new Prepare { Table = Table });
        var train = Run(new Train { Data = prep.Outputs.Train, Epochs = 20 }).WithCpu("4").WithMemory("16Gi").WithRetries(2);
        var eval = Run(new Evaluate { Model = train.Outputs.Model, Data = prep.Outputs.Test });
        If(eval.Outputs.F1 >= MinF1, () => Run(new Register { Model = train.Outputs.Model }));
        SetOutput(Model, train.Outputs.Model);
    }
}
