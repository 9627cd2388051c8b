using BenchmarkDotNet.Attributes;
using Mlops.Pipelines.Compiler;
using Mlops.Pipelines.Ir;
using Mlops.Runner.Execution;
using Mlops.Runner.Store;

namespace Mlops.Pipelines.Benchmarks;

public sealed class Nap : ContainerComponent
{
    public Input<double> Seconds { get; init; } = 0.5;
    public required Input<string> Label { get; init; }
    public Output<string> Done { get; } = new();

    protected override Container Container => new("busybox:1", ["sh", "-c", "sleep \"$0\"; printf '%s' \"$1\" > \"$2\"", Seconds, Label, Done.File]);
}

/// <summary>Eight independent half-second steps: their serial sum is 4 s.</summary>
[Pipeline("independent")]
public sealed class IndependentSteps : Pipeline
{
    protected override void Build()
    {
        for (var i = 0; i < 8; i++)
        {
            Run(new Nap { Label = $"step {i}" });
        }
    }
}

/// <summary>A chain of four half-second steps (2 s cold); a rerun with caching reuses all of them.</summary>
[Pipeline("chain")]
public sealed class ChainedSteps : Pipeline
{
    protected override void Build()
    {
        var previous = Run(new Nap { Label = "first" });
        for (var i = 1; i < 4; i++)
        {
            previous = Run(new Nap { Label = previous.Outputs.Done });
        }
    }
}

/// <summary>
/// The local runner: makespan of independent steps at several parallelism limits (serial sum 4 s), and a cold run
/// of a chain against a rerun that the cache answers.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class RunnerBenchmarks
{
    private IrFile independent = null!;
    private IrFile chain = null!;
    private string home = "";

    [Params(1, 2, 8)]
    public int Parallelism { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        independent = Compile(new IndependentSteps());
        chain = Compile(new ChainedSteps());
        home = Directory.CreateTempSubdirectory("mlops-bench-").FullName;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(home, recursive: true);

    [Benchmark(Description = "8 independent 0.5 s steps")]
    public Task<RunRecord> Independent() => Run(independent, caching: false);

    [Benchmark(Description = "chain of 4, cold (no cache)")]
    public Task<RunRecord> ChainCold() => Run(chain, caching: false);

    [Benchmark(Description = "chain of 4, cached rerun")]
    public Task<RunRecord> ChainCached() => Run(chain, caching: true);

    private Task<RunRecord> Run(IrFile pipeline, bool caching) => LocalRunner.RunAsync(new RunOptions
    {
        Pipeline = pipeline,
        Parallelism = Parallelism,
        EnableCaching = caching,
        Home = new MlopsHome(home),
    });

    private static IrFile Compile(Pipeline pipeline) =>
        IrFile.Parse(PipelineCompiler.Compile(pipeline, new CompileOptions()).EnsureSuccess().ToYaml(), "bench.yaml");
}
