using Mlops.Pipelines;

namespace Ltv.Steps;

/// <summary>Turns order history into one row of features per customer (components/ltv/aggregate.py).</summary>
public sealed class Aggregate : ContainerComponent
{
    public required Input<string> Orders { get; init; }
    public Input<int> HorizonMonths { get; init; } = 12;
    public Output<Dataset> Features { get; } = new();

    protected override Container Container => new("ltv",
        ["python3", "aggregate.py"],
        ["--orders", Orders, "--horizon-months", HorizonMonths, "--features", Features.Path]);
}
