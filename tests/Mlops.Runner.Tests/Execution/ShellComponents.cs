using Mlops.Pipelines;

namespace Mlops.Runner.Tests.Execution;

// Steps written as POSIX shell, so the runner's tests need nothing but /bin/sh.

public sealed class Produce : ContainerComponent
{
    public required Input<string> Message { get; init; }
    public Output<string> Text { get; } = new();
    public Output<Dataset> Data { get; } = new();

    protected override Container Container => new("busybox:1",
        ["sh", "-c", "printf '%s' \"$0\" > \"$1\"; printf 'rows:%s' \"$0\" > \"$2\"", Message, Text.File, Data.Path]);
}

public sealed class Consume : ContainerComponent
{
    public required Input<Dataset> Data { get; init; }
    public required Input<string> Text { get; init; }
    public Output<Dataset> Copy { get; } = new();
    public Output<long> Length { get; } = new();

    protected override Container Container => new("busybox:1",
        ["sh", "-c", "{ cat \"$0\"; printf '+%s' \"$1\"; } > \"$2\"; wc -c < \"$2\" | tr -d ' \\n' > \"$3\"", Data.Path, Text, Copy.Path, Length.File]);
}

public sealed class Say : ContainerComponent
{
    public required Input<string> Message { get; init; }
    public Output<string> Said { get; } = new();

    protected override Container Container => new("busybox:1", ["sh", "-c", "printf '%s' \"$0\" > \"$1\"", Message, Said.File]);
}

public sealed class Sleep : ContainerComponent
{
    public Input<double> Seconds { get; init; } = 1.0;
    public Input<string> Mark { get; init; } = "";

    protected override Container Container => new("busybox:1", ["sh", "-c", "sleep \"$0\"", Seconds, Mark]);
}

public sealed class Fail : ContainerComponent
{
    public Input<string> Message { get; init; } = "boom";

    protected override Container Container => new("busybox:1", ["sh", "-c", "echo \"$0\" >&2; exit 3", Message]);
}

/// <summary>Fails until it has been tried <see cref="SucceedOnAttempt"/> times (counting in a file).</summary>
public sealed class Flaky : ContainerComponent
{
    public required Input<string> CounterFile { get; init; }
    public Input<int> SucceedOnAttempt { get; init; } = 3;

    protected override Container Container => new("busybox:1",
        ["sh", "-c", "n=$(cat \"$0\" 2>/dev/null || echo 0); n=$((n+1)); echo $n > \"$0\"; [ $n -ge \"$1\" ]", CounterFile, SucceedOnAttempt]);
}

public sealed class Status : ContainerComponent
{
    public Input<TaskFinalStatus> FinalStatus { get; init; } = null!;
    public required Input<string> Into { get; init; }

    protected override Container Container => new("busybox:1", ["sh", "-c", "printf '%s' \"$0\" > \"$1\"", FinalStatus.ToString(), Into]);
}

public sealed class Counter : ContainerComponent
{
    public required Input<string> Log { get; init; }
    public Input<string> Value { get; init; } = "";
    public Output<string> Echo { get; } = new();

    protected override Container Container => new("busybox:1",
        ["sh", "-c", "echo run >> \"$0\"; printf '%s' \"$1\" > \"$2\"", Log, Value, Echo.File]);
}
