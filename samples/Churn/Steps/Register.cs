using Mlops.Pipelines;

namespace Churn.Steps;

/// <summary>Registers a model: writes its model card (name, F1, sha256) (components/register/register.py).</summary>
public sealed class Register : ContainerComponent
{
    public required Input<Model> Model { get; init; }
    public required Input<string> ModelName { get; init; }
    public required Input<double> F1 { get; init; }
    public Output<Markdown> Card { get; } = new();

    protected override Container Container => new("register",
        ["python3", "register.py"],
        ["--model", Model.Path, "--name", ModelName, "--f1", F1, "--card", Card.Path]);
}
