namespace Mlops.Pipelines.Benchmarks;

public sealed class Step : ContainerComponent
{
    public required Input<Dataset> Data { get; init; }
    public Input<int> Seed { get; init; } = 1;
    public Output<Dataset> Result { get; } = new();
    public Output<double> Score { get; } = new();

    protected override Container Container => new("python:3.11",
        ["python3", "step.py", "--data", Data.Path, "--seed", Seed, "--out", Result.Path, "--score", Score.File]);
}

public sealed class Source : ContainerComponent
{
    public Output<Dataset> Result { get; } = new();

    protected override Container Container => new("python:3.11", ["python3", "source.py", Result.Path]);
}

/// <summary>
/// A pipeline of <c>tasks</c> tasks: chains of ten steps fanning out from one source, every tenth step guarded by a
/// condition on the previous score, so the compiler's wiring, surfacing and naming all scale with the size.
/// </summary>
public sealed class GeneratedPipeline(int tasks) : Pipeline
{
    protected override void Build()
    {
        var source = Run(new Source());
        var made = 1;
        var chain = 0;
        while (made < tasks)
        {
            var previous = source.Outputs.Result;
            Output<double>? score = null;
            for (var i = 0; i < 10 && made < tasks; i++, made++)
            {
                if (i == 9 && score is not null)
                {
                    var data = previous;
                    If(score >= 0.5, () => Run(new Step { Data = data, Seed = chain }));
                    continue;
                }
                var step = Run(new Step { Data = previous, Seed = chain * 10 + i });
                previous = step.Outputs.Result;
                score = step.Outputs.Score;
            }
            chain++;
        }
    }
}
