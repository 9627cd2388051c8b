using Mlops.Pipelines;

namespace Mlops.Hosting.Probe;

/// <summary>A step that writes its process id, then sleeps: what a Ctrl+C must stop.</summary>
public sealed class Sleepy : ContainerComponent
{
    public required Input<string> PidFile { get; init; }

    public Output<string> Done { get; } = new();

    protected override Container Container => new("busybox:1", ["sh", "-c", "echo $$ > \"$0\"; sleep 120; echo done > \"$1\"", PidFile, Done.File]);
}

[Pipeline("sleepy")]
public sealed class SleepyPipeline : Pipeline
{
    public Input<string> PidFile { get; init; } = "";

    protected override void Build() => Run(new Sleepy { PidFile = PidFile });
}
