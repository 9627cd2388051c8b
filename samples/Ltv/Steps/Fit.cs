using Mlops.Pipelines;

namespace Ltv.Steps;

/// <summary>Fits the regression and measures it on held-out customers (components/ltv/fit.py).</summary>
public sealed class Fit : ContainerComponent
{
    public required Input<Dataset> Features { get; init; }
    public Output<Model> Model { get; } = new();
    public Output<double> Mae { get; } = new();

    protected override Container Container => new("ltv",
        ["python3", "fit.py"],
        ["--features", Features.Path, "--model", Model.Path, "--mae", Mae.File]);
}
