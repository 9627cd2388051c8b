using Mlops.Pipelines.Hosting;

return await PipelineHost.RunAsync(typeof(Mlops.Hosting.Probe.SleepyPipeline).Assembly, args);
