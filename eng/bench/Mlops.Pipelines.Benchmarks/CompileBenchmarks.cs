using BenchmarkDotNet.Attributes;
using Mlops.Pipelines.Compiler;

namespace Mlops.Pipelines.Benchmarks;

/// <summary>Compile time (trace + IR + YAML text) against pipeline size: it should grow linearly.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class CompileBenchmarks
{
    [Params(1_000, 10_000)]
    public int Tasks { get; set; }

    [Benchmark]
    public int CompileToYaml()
    {
        var compiled = PipelineCompiler.Compile(new GeneratedPipeline(Tasks)).EnsureSuccess();
        return compiled.ToYaml().Length;
    }
}
