using System.Text.Json.Nodes;
using Mlops.Backends.Kfp;
using Mlops.ContractServers.KfpBackend;

namespace Mlops.Backends.Tests.Kfp;

/// <summary>KfpPipelineBackend against the loopback KFP v2beta1 API: submit, follow, fail, terminate, list.</summary>
public sealed class KfpPipelineBackendContractTests
{
    [Fact]
    public async Task A_run_is_created_from_the_pipeline_version_of_its_digest_and_succeeds()
    {
        await using var fixture = await KfpBackendFixture.StartAsync();
        var backend = fixture.Backend();
        var ir = KfpBackendFixture.GreetingIr;
        var digest = ContentDigest.Compute(ir);

        var submitted = await backend.SubmitAsync(KfpBackendFixture.Request("greeting", ir) with { DisplayName = "greeting-nightly" });
        var ended = await KfpBackendFixture.FollowAsync(backend, submitted.RunId);

        Assert.Equal(PipelineRunState.Pending, submitted.State);
        Assert.Equal(PipelineRunState.Succeeded, ended.State);
        Assert.Equal("greeting", ended.Pipeline);
        Assert.Equal(digest.ToString(), ended.TemplateDigest);
        Assert.EndsWith("/greeting/" + digest, ended.TemplateUri, StringComparison.Ordinal);
        Assert.Equal("0a1b2c3", ended.Labels["mlops-source-commit"]);
        Assert.Equal("ml-ops", ended.Labels["team"]);
        Assert.NotNull(ended.Ended);
        Assert.Empty(ended.OutputArtifacts);
        Assert.NotEmpty(ended.Tasks);
        Assert.Equal(RootDagTasks.Read(ir), ended.Tasks.Select(t => t.Name));
        Assert.All(ended.Tasks, t => Assert.Equal(PipelineTaskState.Succeeded, t.State));

        var pipeline = Assert.Single(fixture.Server.Pipelines);
        Assert.Equal("greeting", pipeline["name"]!.GetValue<string>());
        var version = Assert.Single(fixture.Server.Versions, v => v.Version["name"]!.GetValue<string>() == KfpPipelineVersions.VersionName(digest));
        Assert.Equal(ir, version.Ir);
        Assert.Contains(fixture.Server.Requests, r => r.PathAndQuery.StartsWith("/apis/v2beta1/pipelines/upload?name=greeting", StringComparison.Ordinal));

        var (path, body) = Assert.Single(fixture.Server.Bodies);
        Assert.Equal("runs", path);
        Assert.Equal(["display_name", "description", "pipeline_version_reference", "runtime_config", "service_account"], body.Select(f => f.Key));
        Assert.Equal("greeting-nightly", body["display_name"]!.GetValue<string>());
        Assert.Equal(pipeline["pipeline_id"]!.GetValue<string>(), body["pipeline_version_reference"]!["pipeline_id"]!.GetValue<string>());
        Assert.Equal(version.Version["pipeline_version_id"]!.GetValue<string>(), body["pipeline_version_reference"]!["pipeline_version_id"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["name"] = "ada" }, body["runtime_config"]!["parameters"]));
        Assert.Equal(KfpBackendFixture.PipelineRoot, body["runtime_config"]!["pipeline_root"]!.GetValue<string>());
        Assert.Equal(KfpBackendFixture.ServiceAccount, body["service_account"]!.GetValue<string>());
        Assert.All(fixture.Server.Requests, r => Assert.Equal("Bearer " + KfpBackendFixture.Token, r.Authorization));
    }

    [Fact]
    public async Task The_pipeline_is_uploaded_once_and_each_digest_once()
    {
        await using var fixture = await KfpBackendFixture.StartAsync();
        var backend = fixture.Backend();
        var ir = KfpBackendFixture.GreetingIr;
        var other = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(ir) + "\n# another build\n");

        await backend.SubmitAsync(KfpBackendFixture.Request("greeting", ir));
        await backend.SubmitAsync(KfpBackendFixture.Request("greeting", ir, name: "grace"));
        await fixture.Backend().SubmitAsync(KfpBackendFixture.Request("greeting", ir));
        await backend.SubmitAsync(KfpBackendFixture.Request("greeting", other));

        Assert.Single(fixture.Server.Pipelines);
        Assert.Single(fixture.Server.Requests, r => r.PathAndQuery.StartsWith("/apis/v2beta1/pipelines/upload?", StringComparison.Ordinal));
        Assert.Equal(2, fixture.Server.Requests.Count(r => r.PathAndQuery.StartsWith("/apis/v2beta1/pipelines/upload_version?", StringComparison.Ordinal)));
        var digestVersions = fixture.Server.Versions.Select(v => v.Version["name"]!.GetValue<string>()).Where(n => n.StartsWith("sha256-", StringComparison.Ordinal));
        Assert.Equal([KfpPipelineVersions.VersionName(ContentDigest.Compute(ir)), KfpPipelineVersions.VersionName(ContentDigest.Compute(other))], digestVersions);
        Assert.Equal(4, fixture.Server.Runs.Count);
    }

    [Fact]
    public async Task A_failing_task_fails_the_run_with_its_message()
    {
        await using var fixture = await KfpBackendFixture.StartAsync();
        var ir = KfpBackendFixture.FailingIr;
        var task = Assert.Single(RootDagTasks.Read(ir));
        fixture.Server.FailTask(task, "no table crm.eu (exit code 3)");
        var backend = fixture.Backend();

        var run = await backend.SubmitAsync(KfpBackendFixture.Request("failing", ir));
        var ended = await KfpBackendFixture.FollowAsync(backend, run.RunId);

        Assert.Equal(PipelineRunState.Failed, ended.State);
        Assert.Equal($"{task}: no table crm.eu (exit code 3)", ended.Error);
        var failed = Assert.Single(ended.Tasks);
        Assert.Equal(PipelineTaskState.Failed, failed.State);
        Assert.Equal("no table crm.eu (exit code 3)", failed.Error);
    }

    [Fact]
    public async Task Cancel_terminates_the_run_which_goes_through_cancelling_to_cancelled()
    {
        await using var fixture = await KfpBackendFixture.StartAsync();
        var backend = fixture.Backend();
        var run = await backend.SubmitAsync(KfpBackendFixture.Request("greeting", KfpBackendFixture.GreetingIr));

        await backend.CancelAsync(run.RunId);
        var ended = await KfpBackendFixture.FollowAsync(backend, run.RunId);

        Assert.Single(fixture.Server.Requests, r => r.Method == "POST" && r.PathAndQuery == $"/apis/v2beta1/runs/{run.RunId}:terminate");
        Assert.Equal(PipelineRunState.Cancelled, ended.State);
        Assert.Contains(fixture.Server.Runs.Single()["state_history"]!.AsArray(), s => s!["state"]!.GetValue<string>() == "CANCELING");
        Assert.All(ended.Tasks, t => Assert.Equal(PipelineTaskState.Cancelled, t.State));

        fixture.Server.ClearRequests();
        await backend.CancelAsync(run.RunId);
        Assert.DoesNotContain(fixture.Server.Requests, r => r.PathAndQuery.EndsWith(":terminate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_gives_a_pipelines_runs_newest_first_across_pages()
    {
        await using var fixture = await KfpBackendFixture.StartAsync();
        var backend = fixture.Backend();
        var greetings = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            greetings.Add((await backend.SubmitAsync(KfpBackendFixture.Request("greeting", KfpBackendFixture.GreetingIr))).RunId);
            await backend.SubmitAsync(KfpBackendFixture.Request("failing", KfpBackendFixture.FailingIr));
        }

        var listed = await backend.ListAsync("greeting", 2);
        var all = await backend.ListAsync(null, 10);

        Assert.Equal([greetings[2], greetings[1]], listed.Select(r => r.RunId));
        Assert.Equal(6, all.Count);
        Assert.Equal(all.OrderByDescending(r => r.Created).Select(r => r.RunId), all.Select(r => r.RunId));
        Assert.Contains(fixture.Server.Requests, r => r.PathAndQuery.Contains("sort_by=created_at%20desc", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_run_is_null_and_cancelling_it_says_so()
    {
        await using var fixture = await KfpBackendFixture.StartAsync();
        var backend = fixture.Backend();

        Assert.Null(await backend.GetAsync("no-such-run"));
        var error = await Assert.ThrowsAsync<Diagnostics.MlopsException>(() => backend.CancelAsync("no-such-run"));
        Assert.Equal(Diagnostics.ErrorCodes.KfpBackend.RunNotFound, error.Code);
        var unknownPipeline = await Assert.ThrowsAsync<Diagnostics.MlopsException>(() => backend.ListAsync("nowhere", 5));
        Assert.Equal(Diagnostics.ErrorCodes.KfpBackend.PipelineNotFound, unknownPipeline.Code);
    }
}
