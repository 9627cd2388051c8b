using Mlops.Backends.Local;

namespace Mlops.Backends.Tests;

public sealed class LocalPipelineBackendTests : IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("mlops-backend-").FullName;

    private LocalPipelineBackend Backend() => new(new LocalRunSettings { Home = new MlopsHome(home), EnableCaching = false });

    [Fact]
    public async Task A_submitted_run_succeeds_with_its_outputs_and_is_found_by_its_id()
    {
        var backend = Backend();

        var run = await backend.SubmitAsync(new PipelineRunRequest("greeting", Ir.Of(new GreetingPipeline()), new Dictionary<string, string> { ["name"] = "Ada" }));

        Assert.Equal(PipelineRunState.Succeeded, run.State);
        Assert.StartsWith("greeting/", run.RunId, StringComparison.Ordinal);
        Assert.Equal("hello Ada", File.ReadAllText(run.OutputArtifacts["greeting"]));
        var found = await backend.GetAsync(run.RunId);
        Assert.NotNull(found);
        Assert.Equal(run with { }, found with { OutputArtifacts = run.OutputArtifacts, Tasks = run.Tasks, Labels = run.Labels });
        Assert.True(found.HasEnded);
    }

    [Fact]
    public async Task A_failing_step_fails_the_run_with_its_message()
    {
        var run = await Backend().SubmitAsync(new PipelineRunRequest("failing", Ir.Of(new FailingPipeline()), new Dictionary<string, string>()));

        Assert.Equal(PipelineRunState.Failed, run.State);
        Assert.Contains("task 'fail' exited with code 3", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_stops_a_run_in_flight()
    {
        var backend = Backend();
        var submitted = backend.SubmitAsync(new PipelineRunRequest("waiting", Ir.Of(new WaitingPipeline()), new Dictionary<string, string>()));
        var running = await WaitForRunningAsync(backend);

        await backend.CancelAsync(running.RunId);
        var run = await submitted;

        Assert.Equal(PipelineRunState.Cancelled, run.State);
        Assert.Equal(running.RunId, run.RunId);
    }

    [Fact]
    public async Task Runs_are_listed_newest_first()
    {
        var backend = Backend();
        var first = await backend.SubmitAsync(new PipelineRunRequest("greeting", Ir.Of(new GreetingPipeline()), new Dictionary<string, string>()));
        var second = await backend.SubmitAsync(new PipelineRunRequest("failing", Ir.Of(new FailingPipeline()), new Dictionary<string, string>()));

        var all = await backend.ListAsync(null, 10);
        var greetings = await backend.ListAsync("greeting", 10);

        Assert.Equal([second.RunId, first.RunId], all.Select(r => r.RunId));
        Assert.Equal([first.RunId], greetings.Select(r => r.RunId));
        Assert.Null(await backend.GetAsync("greeting/no-such-run"));
    }

    private static async Task<PipelineRunStatus> WaitForRunningAsync(LocalPipelineBackend backend)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if ((await backend.ListAsync("waiting", 1)).FirstOrDefault() is { State: PipelineRunState.Running } running)
            {
                return running;
            }
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException("The run never started.");
    }

    public void Dispose() => Directory.Delete(home, recursive: true);
}
