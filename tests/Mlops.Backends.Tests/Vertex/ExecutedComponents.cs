using Mlops.Pipelines;

namespace Mlops.Backends.Tests.Vertex;

// Components whose images are pinned by (fake) digest and whose commands run a script of the component's folder, as
// the team's python components run `python train.py`: the execute mode of the loopback Vertex AI runs them from
// COMPONENTS_DIR/NAME (see ExecutedComponentsFolder).

internal static class PinnedImage
{
    public static string Of(string name) => $"europe-west4-docker.pkg.dev/acme-dataops/images/{name}@sha256:{new string('7', 64)}";
}

public sealed class PrepareRows : ContainerComponent
{
    public required Input<string> Source { get; init; }
    public Output<Dataset> Rows { get; } = new();

    protected override Container Container => new(PinnedImage.Of("prepare"), ["sh", "prepare.sh", Source, Rows.Path]);
}

public sealed class TrainModel : ContainerComponent
{
    public required Input<Dataset> Rows { get; init; }
    public required Input<int> Epochs { get; init; }
    public Output<Model> Model { get; } = new();

    protected override Container Container => new(PinnedImage.Of("train"), ["sh", "train.sh", Rows.Path, Epochs, Model.Path]);
}

public sealed class BrokenStep : ContainerComponent
{
    protected override Container Container => new(PinnedImage.Of("broken"), ["sh", "broken.sh"]);
}

public sealed class SleepingStep : ContainerComponent
{
    protected override Container Container => new(PinnedImage.Of("sleeper"), ["sh", "sleeper.sh"]);
}

[Pipeline("shell-training")]
public sealed class ShellTrainingPipeline : Pipeline
{
    public Input<string> Source { get; init; } = "gs://acme-data/churn.csv";
    public Input<int> Epochs { get; init; } = 1;
    public Output<Model> Model { get; } = new();

    protected override void Build()
    {
        var prepare = Run(new PrepareRows { Source = Source });
        var train = Run(new TrainModel { Rows = prepare.Outputs.Rows, Epochs = Epochs });
        SetOutput(Model, train.Outputs.Model);
    }
}

[Pipeline("shell-broken")]
public sealed class ShellBrokenPipeline : Pipeline
{
    protected override void Build() => Run(new BrokenStep());
}

[Pipeline("shell-sleeping")]
public sealed class ShellSleepingPipeline : Pipeline
{
    protected override void Build() => Run(new SleepingStep());
}
