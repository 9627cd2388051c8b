using BenchmarkDotNet.Attributes;
using Mlops.Pipelines.Benchmarks.LargeComposition;
using Mlops.Pipelines.Compiler;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Benchmarks;

/// <summary>
/// Emit of an aggregator of 14 large sub-pipelines (30 to 60 steps each, each step run twice: 1,262 tasks, about 7 MB
/// of IR), in pieces: reading the sub-pipelines' IR (once per sub-pipeline and process, as SubPipeline does), compiling
/// the composed pipeline (trace, inlining, DAG), writing its YAML, and compile plus YAML together (the emit verb's
/// work in process). eng/bench/large-aggregator.sh measures the same composition through a real aggregator project.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class LargeAggregatorBenchmarks
{
    private IReadOnlyList<string> teamIr = [];
    private IReadOnlyList<KfpComponent> teams = [];
    private CompiledPipeline composed = null!;
    private readonly CompileOptions options = new();

    [GlobalSetup]
    public void Setup()
    {
        Pipeline[] pipelines =
        [
            new Team01Scoring(), new Team02Scoring(), new Team03Scoring(), new Team04Scoring(), new Team05Scoring(),
            new Team06Scoring(), new Team07Scoring(), new Team08Scoring(), new Team09Scoring(), new Team10Scoring(),
            new Team11Scoring(), new Team12Scoring(), new Team13Scoring(), new Team14Scoring(),
        ];
        teamIr = pipelines.Select(p => PipelineCompiler.Compile(p, options).EnsureSuccess().ToYaml()).ToList();
        teams = teamIr.Select((text, i) => KfpComponent.Parse(text, $"team-{i + 1:00}.yaml")).ToList();
        composed = Compile();
    }

    [Benchmark(Description = "read 14 sub-pipeline IR files")]
    public int ReadSubPipelineIr() => teamIr.Sum(text => IrFile.Parse(text, "team.yaml").Spec.Components!.Count);

    [Benchmark(Description = "compile the composed pipeline")]
    public int CompileComposed() => Compile().Spec.Components!.Count;

    [Benchmark(Description = "write the composed IR YAML")]
    public int WriteYaml() => composed.ToYaml().Length;

    [Benchmark(Description = "compile + write (emit in process)")]
    public int Emit() => Compile().ToYaml().Length;

    private CompiledPipeline Compile() => PipelineCompiler.Compile(new LargeAggregator(teams), options).EnsureSuccess();
}
