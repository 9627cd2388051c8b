using System.Diagnostics;
using System.Text.Json.Nodes;
using Mlops.Backends.Vertex;
using Mlops.ContractServers.Vertex;
using Mlops.Pipelines;
using Mlops.Registries.Http;
using Mlops.Testing;

namespace Mlops.Backends.Tests.Vertex;

/// <summary>
/// The loopback Vertex AI in execute mode (<see cref="VertexServer.ComponentsFolder"/>), through the real
/// VertexPipelineBackend: a created job runs its spec on the local runner, steps as processes in their component folders.
/// </summary>
public sealed class VertexExecuteModeContractTests : IAsyncLifetime
{
    private readonly TempFolder storage = new("mlops-vertex-execute-");
    private readonly ExecutedComponentsFolder components = new();
    private VertexFixture fixture = null!;
    private VertexServer server = null!;
    private VertexPipelineBackend backend = null!;

    public async Task InitializeAsync()
    {
        fixture = await VertexFixture.StartAsync();
        server = new VertexServer(storage.Path, [VertexFixture.AccessToken]) { ComponentsFolder = components.Path };
        await server.StartAsync();
        var environment = fixture.Environment();
        backend = new VertexPipelineBackend(environment with { Runner = environment.Runner! with { Endpoint = server.BaseUri } },
            fixture.Tokens(), retries: RetrySettings.Immediate);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await fixture.DisposeAsync();
        components.Dispose();
        storage.Dispose();
    }

    [Fact]
    public async Task A_job_trains_for_real_and_its_model_bytes_are_at_the_artifact_uri()
    {
        var created = await backend.SubmitAsync(Request(new ShellTrainingPipeline(), "training-exec-1",
            new JsonObject { ["epochs"] = 5, ["source"] = "gs://acme-data/eu.csv" }));

        var done = await UntilAsync(created.RunId, s => s.HasEnded);

        Assert.Equal(PipelineRunState.Succeeded, done.State);
        Assert.Null(done.Error);
        Assert.Equal(2, done.Tasks.Count);
        Assert.All(done.Tasks, t => Assert.Equal(PipelineTaskState.Succeeded, t.State));
        var model = done.OutputArtifacts["model"];
        var train = Assert.Single(done.Tasks, t => t.OutputArtifacts.ContainsKey("model"));
        Assert.Equal(model, train.OutputArtifacts["model"]);
        Assert.StartsWith($"{VertexFixture.PipelineRoot}/training-exec-1/{train.Name}_", model);
        Assert.EndsWith("/model", model);
        Assert.Equal("rows of gs://acme-data/eu.csv\ntrained for 5 epochs\n", File.ReadAllText(ObjectFile(model)));
        var prepare = Assert.Single(done.Tasks, t => t != train);
        Assert.Equal("rows of gs://acme-data/eu.csv\n", File.ReadAllText(ObjectFile(prepare.OutputArtifacts.Values.Single())));
        Assert.True(Directory.Exists(Path.Combine(server.RunsHome, "runs", "shell-training", "training-exec-1")));
        Assert.NotNull(done.Started);
        Assert.NotNull(done.Ended);
    }

    [Fact]
    public async Task A_step_that_exits_non_zero_fails_the_job_with_its_exit_code_in_the_task_error()
    {
        var created = await backend.SubmitAsync(Request(new ShellBrokenPipeline(), "broken-exec-1"));

        var done = await UntilAsync(created.RunId, s => s.HasEnded);

        Assert.Equal(PipelineRunState.Failed, done.State);
        var task = Assert.Single(done.Tasks);
        Assert.Equal(PipelineTaskState.Failed, task.State);
        Assert.Equal(7, task.ExitCode);
        Assert.Contains("The replica workerpool0-0 exited with a non-zero status of 7", task.Error);
        Assert.Equal(task.Error, done.Error);
        Assert.Empty(done.OutputArtifacts);
    }

    [Fact]
    public async Task Cancel_stops_a_sleeping_step_and_the_job_ends_cancelled_with_its_process_gone()
    {
        var created = await backend.SubmitAsync(Request(new ShellSleepingPipeline(), "sleeping-exec-1"));
        await UntilAsync(created.RunId, s => s.Tasks.Any(t => t.State == PipelineTaskState.Running) && File.Exists(components.SleeperPidFile));
        var pid = int.Parse(File.ReadAllText(components.SleeperPidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(IsRunning(pid));

        await backend.CancelAsync(created.RunId);

        Assert.Contains((await backend.GetAsync(created.RunId))!.State, new[] { PipelineRunState.Cancelling, PipelineRunState.Cancelled });
        var done = await UntilAsync(created.RunId, s => s.HasEnded);
        Assert.Equal(PipelineRunState.Cancelled, done.State);
        Assert.Equal(PipelineTaskState.Cancelled, Assert.Single(done.Tasks).State);
        Assert.False(IsRunning(pid));
    }

    private static PipelineRunRequest Request(Pipeline pipeline, string runId, JsonObject? values = null)
    {
        var ir = Ir.Of(pipeline);
        var name = Mlops.Pipelines.Ir.IrFile.Parse(ir, "ir.yaml").Spec.PipelineInfo.Name;
        var digest = ContentDigest.Compute(ir).ToString();
        return new PipelineRunRequest(name, ir, new Dictionary<string, string>())
        {
            Source = $"{name}.yaml",
            TemplateUri = $"https://{VertexFixture.Region}-kfp.pkg.dev/{VertexFixture.Project}/pipelines/{name}/{digest}",
            TemplateDigest = digest,
            ParameterValues = values ?? [],
            RunId = runId,
        };
    }

    /// <summary>Reads the job until <paramref name="holds"/> (a bounded number of reads: the steps are real processes).</summary>
    private async Task<PipelineRunStatus> UntilAsync(string runId, Func<PipelineRunStatus, bool> holds)
    {
        PipelineRunStatus? status = null;
        for (var i = 0; i < 2400; i++)
        {
            status = await backend.GetAsync(runId) ?? throw new InvalidOperationException($"{runId} vanished");
            if (holds(status))
            {
                return status;
            }
            await Task.Delay(25);
        }
        throw new InvalidOperationException($"{runId} never got there: {status?.State}, tasks {string.Join(", ", status?.Tasks.Select(t => $"{t.Name}={t.State}") ?? [])}");
    }

    private string ObjectFile(string uri) => Path.Combine(storage.Path, "gcs", uri["gs://".Length..]);

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
