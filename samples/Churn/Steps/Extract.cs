using Mlops.Pipelines;

namespace Churn.Steps;

/// <summary>Reads the customers to score (components/prepare/extract.py).</summary>
public sealed class Extract : ContainerComponent
{
    public required Input<string> Table { get; init; }
    public Output<Dataset> Data { get; } = new();

    protected override Container Container => new("prepare",
        ["python3", "extract.py"],
        ["--table", Table, "--output", Data.Path]);
}
