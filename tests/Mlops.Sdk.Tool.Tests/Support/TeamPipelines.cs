using Mlops.Pipelines;

namespace Mlops.Sdk.Tool.Tests.Support;

// A team's pipelines, compiled to the IR files a build of its project would emit.

public sealed class Prepare : ContainerComponent
{
    public required Input<string> Table { get; init; }
    public Output<Dataset> Data { get; } = new();

    protected override Container Container => new("localhost/team/prepare:1.0.0", ["python3", "prepare.py", "--table", Table, "--data", Data.Path]);
}

public sealed class Train : ContainerComponent
{
    public required Input<Dataset> Data { get; init; }
    public Output<Model> Model { get; } = new();

    protected override Container Container => new("localhost/team/train:1.0.0", ["python3", "train.py", "--data", Data.Path, "--model", Model.Path]);
}

[Pipeline("team-training")]
public sealed class TeamTraining : Pipeline
{
    public Input<string> Table { get; init; } = "crm.customers";
    public Output<Model> Model { get; } = new();

    protected override void Build()
    {
        var prepare = Run(new Prepare { Table = Table });
        var train = Run(new Train { Data = prepare.Outputs.Data });
        SetOutput(Model, train.Outputs.Model);
    }
}

[Pipeline("team-report")]
public sealed class TeamReport : Pipeline
{
    public Input<string> Table { get; init; } = "crm.customers";

    // A parameter whose name says it is a secret (submit warns with MLOPS6088 when one is given).
    public Input<string> ReportToken { get; init; } = "";

    protected override void Build() => Run(new Prepare { Table = Table });
}
