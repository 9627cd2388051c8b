using Mlops.Pipelines;

namespace Mlops.Pipelines.Tests.Samples;

/// <summary>If / ElseIf / Else on a task output.</summary>
[Pipeline("flip-coin")]
public sealed class FlipCoinPipeline : Pipeline
{
    protected override void Build()
    {
        var flip = Run(new Echo { Message = "heads" });
        If(flip.Outputs.Said == "heads", () => Run(new Echo { Message = "it was heads" }))
            .ElseIf(flip.Outputs.Said == "tails", () => Run(new Echo { Message = "it was tails" }))
            .Else(() => Run(new Echo { Message = "it stood on its edge" }));
    }
}

/// <summary>ParallelFor over a literal list with a parallelism limit, and the outputs collected after it.</summary>
[Pipeline("fan-out-fan-in")]
public sealed class FanOutFanInPipeline : Pipeline
{
    public Input<string> Prefix { get; init; } = "shard";
    public Output<IReadOnlyList<string>> Results { get; } = new();

    protected override void Build()
    {
        Output<string>? said = null;
        ParallelFor(new[] { "a", "b", "c" }, item =>
        {
            said = Run(new Echo { Message = item }).Outputs.Said;
        }, parallelism: 2);
        var all = Collected(said!);
        SetOutput(Results, all);
    }
}

/// <summary>ParallelFor over a list another task produces, with a condition on a pipeline input inside.</summary>
[Pipeline("dynamic-loop")]
public sealed class DynamicLoopPipeline : Pipeline
{
    public Input<bool> Verbose { get; init; } = false;

    protected override void Build()
    {
        var shards = Run(new ListShards());
        ParallelFor(shards.Outputs.Shards, shard =>
        {
            var echoed = Run(new Echo { Message = shard });
            If(Verbose == true, () => Run(new Echo { Message = echoed.Outputs.Said }));
        });
    }
}

/// <summary>An exit handler whose exit task receives the final status of the guarded tasks.</summary>
[Pipeline("with-exit-handler")]
public sealed class ExitHandlerPipeline : Pipeline
{
    public Input<string> Channel { get; init; } = "#ml-alerts";

    protected override void Build()
    {
        ExitHandler(new Notify { Channel = Channel }, () =>
        {
            var prep = Run(new Prepare { Table = "crm.customers" });
            Run(new Train { Data = prep.Outputs.Train });
        }, displayName: "train-and-notify");
    }
}

/// <summary>Per-task options: resources, accelerator, caching, display name, env, retries with backoff, explicit ordering.</summary>
[Pipeline("task-options")]
public sealed class TaskOptionsPipeline : Pipeline
{
    protected override void Build()
    {
        var first = Run(new Echo { Message = "first" }).WithCaching(false).WithDisplayName("First step");
        Run(new Echo { Message = "second" })
            .After(first)
            .WithCpu("500m").WithCpuLimit("2").WithMemory("512Mi").WithMemoryLimit("1G")
            .WithAccelerator("NVIDIA_TESLA_T4", 2)
            .WithEnv("LOG_LEVEL", "debug")
            .WithRetries(3, backoff: TimeSpan.FromSeconds(30), backoffFactor: 1.5, maxBackoff: TimeSpan.FromMinutes(10));
    }
}

/// <summary>A pipeline used as a task twice inside another: inlined as nested DAGs with unique component names.</summary>
[Pipeline("nested")]
public sealed class NestedPipeline : Pipeline
{
    public Output<Model> Model { get; } = new();

    protected override void Build()
    {
        var prep = Run(new Prepare { Table = "crm.customers" });
        Run(new Train { Data = prep.Outputs.Train });
        var first = Run(new ChurnTraining { Table = "crm.eu" });
        Run(new ChurnTraining { Table = "crm.us", MinF1 = 0.9 });
        SetOutput(Model, first.Outputs.Model);
    }
}
