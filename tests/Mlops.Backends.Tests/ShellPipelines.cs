using Mlops.Pipelines;
using Mlops.Pipelines.Compiler;

namespace Mlops.Backends.Tests;

// Steps written as POSIX shell: the local backend's tests need nothing but /bin/sh.

public sealed class Greet : ContainerComponent
{
    public required Input<string> Name { get; init; }
    public Output<Dataset> Greeting { get; } = new();

    protected override Container Container => new("busybox:1", ["sh", "-c", "printf 'hello %s' \"$0\" > \"$1\"", Name, Greeting.Path]);
}

public sealed class Fail : ContainerComponent
{
    protected override Container Container => new("busybox:1", ["sh", "-c", "echo 'no table crm.eu' >&2; exit 3"]);
}

public sealed class Wait : ContainerComponent
{
    protected override Container Container => new("busybox:1", ["sh", "-c", "sleep 30"]);
}

[Pipeline("greeting")]
public sealed class GreetingPipeline : Pipeline
{
    public Input<string> Name { get; init; } = "world";
    public Output<Dataset> Greeting { get; } = new();

    protected override void Build() => SetOutput(Greeting, Run(new Greet { Name = Name }).Outputs.Greeting);
}

[Pipeline("failing")]
public sealed class FailingPipeline : Pipeline
{
    protected override void Build() => Run(new Fail());
}

[Pipeline("waiting")]
public sealed class WaitingPipeline : Pipeline
{
    protected override void Build() => Run(new Wait());
}

internal static class Ir
{
    public static byte[] Of(Pipeline pipeline) =>
        System.Text.Encoding.UTF8.GetBytes(PipelineCompiler.Compile(pipeline, new CompileOptions { SdkVersion = "mlops-sdk-test" }).EnsureSuccess().ToYaml());
}
