using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Mlops.Pipelines.Benchmarks.CompileBenchmarks).Assembly).Run(args);
