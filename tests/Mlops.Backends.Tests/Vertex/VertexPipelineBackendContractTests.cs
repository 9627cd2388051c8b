using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Mlops.ContractServers.Vertex;
using Mlops.Diagnostics;

namespace Mlops.Backends.Tests.Vertex;

/// <summary>VertexPipelineBackend against the loopback Vertex AI and Google token servers, with the real Google.Apis.Auth flow.</summary>
public sealed class VertexPipelineBackendContractTests
{
    private static bool IsCreate(Microsoft.AspNetCore.Http.HttpRequest r) => r.Method == "POST" && r.Path.Value!.EndsWith("/pipelineJobs", StringComparison.Ordinal);

    [Fact]
    public async Task A_job_that_succeeds_is_created_from_the_pinned_template_and_reports_its_tasks_and_model()
    {
        await using var fixture = await VertexFixture.StartAsync();
        var backend = fixture.Backend();
        var request = VertexFixture.Run();

        var created = await backend.SubmitAsync(request);

        var (path, body) = Assert.Single(fixture.Server.Bodies);
        Assert.Equal($"/v1/projects/{VertexFixture.Project}/locations/{VertexFixture.Region}/pipelineJobs?pipelineJobId=training-run-1", path);
        Assert.Equal("training", body["displayName"]!.GetValue<string>());
        Assert.Equal(request.TemplateUri, body["templateUri"]!.GetValue<string>());
        Assert.Equal("training", body["pipelineSpec"]!["pipelineInfo"]!["name"]!.GetValue<string>());
        Assert.Equal("2.1.0", body["pipelineSpec"]!["schemaVersion"]!.GetValue<string>());
        Assert.NotNull(body["pipelineSpec"]!["root"]!["dag"]!["tasks"]!["train"]);
        Assert.Equal(VertexFixture.PipelineRoot, body["runtimeConfig"]!["gcsOutputDirectory"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["epochs"] = 3, ["dataset"] = "gs://acme-data/churn.csv" }, body["runtimeConfig"]!["parameterValues"]));
        Assert.Equal(VertexFixture.RunAs, body["serviceAccount"]!.GetValue<string>());
        Assert.Equal(VertexFixture.Network, body["network"]!.GetValue<string>());
        Assert.Equal(VertexFixture.KmsKey, body["encryptionSpec"]!["kmsKeyName"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(new JsonObject
        {
            ["env"] = "dataops", ["mlops-source-commit"] = "0123abc", ["mlops-version"] = "1-4-2", ["team"] = "search",
        }, body["labels"]));
        Assert.Equal(["displayName", "encryptionSpec", "labels", "network", "pipelineSpec", "runtimeConfig", "serviceAccount", "templateUri"],
            body.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal($"Bearer {VertexFixture.AccessToken}", Assert.Single(fixture.Server.Requests).Authorization);

        var name = $"projects/{VertexFixture.Project}/locations/{VertexFixture.Region}/pipelineJobs/training-run-1";
        Assert.Equal(name, created.RunId);
        Assert.Equal(PipelineRunState.Pending, created.State);
        Assert.Equal(request.TemplateDigest, created.TemplateDigest);

        var seen = await VertexFixture.FollowAsync(backend, created.RunId);
        Assert.Contains(seen, s => s.State == PipelineRunState.Running);
        var done = seen[^1];
        Assert.Equal(PipelineRunState.Succeeded, done.State);
        Assert.Equal(["prepare", "train"], done.Tasks.Select(t => t.Name));
        Assert.All(done.Tasks, t => Assert.Equal(PipelineTaskState.Succeeded, t.State));
        var model = done.Tasks[1].OutputArtifacts["model"];
        Assert.StartsWith($"{VertexFixture.PipelineRoot}/training-run-1/train_", model);
        Assert.EndsWith("/model", model);
        Assert.Equal(model, done.OutputArtifacts["model"]);
        Assert.True(File.Exists(Path.Combine(fixture.Storage.Path, "gcs", model["gs://".Length..])));
        Assert.Equal(request.TemplateUri, done.TemplateUri);
        Assert.Equal(request.TemplateDigest, done.TemplateDigest);
        Assert.Equal("0123abc", done.Labels["mlops-source-commit"]);
        Assert.Equal("training", done.Pipeline);
        Assert.NotNull(done.Started);
        Assert.NotNull(done.Ended);
        Assert.Null(done.Error);
    }

    [Fact]
    public async Task A_failing_task_surfaces_its_exit_code_and_message()
    {
        await using var fixture = await VertexFixture.StartAsync();
        fixture.Server.FailTask(new TaskFailure("train", 2));
        var backend = fixture.Backend();

        var created = await backend.SubmitAsync(VertexFixture.Run());
        var done = (await VertexFixture.FollowAsync(backend, created.RunId))[^1];

        Assert.Equal(PipelineRunState.Failed, done.State);
        var train = Assert.Single(done.Tasks, t => t.Name == "train");
        Assert.Equal(PipelineTaskState.Failed, train.State);
        Assert.Equal(2, train.ExitCode);
        Assert.Contains("exited with a non-zero status of 2", train.Error);
        Assert.Equal(train.Error, done.Error);
        Assert.Equal(PipelineTaskState.Succeeded, done.Tasks.Single(t => t.Name == "prepare").State);
        Assert.Empty(done.OutputArtifacts);
    }

    [Fact]
    public async Task Cancel_moves_a_running_job_through_cancelling_to_cancelled_and_leaves_an_ended_one_as_it_is()
    {
        await using var fixture = await VertexFixture.StartAsync();
        var backend = fixture.Backend();
        var created = await backend.SubmitAsync(VertexFixture.Run());
        await backend.GetAsync(created.RunId);
        Assert.Equal(PipelineRunState.Running, (await backend.GetAsync(created.RunId))!.State);

        await backend.CancelAsync("training-run-1");

        Assert.Contains(fixture.Server.Requests, r => r is { Method: "POST" } && r.PathAndQuery.EndsWith("/pipelineJobs/training-run-1:cancel", StringComparison.Ordinal));
        Assert.Equal("{}", fixture.Server.Bodies[^1].Body.ToJsonString());
        var cancelled = await backend.GetAsync(created.RunId);
        Assert.Equal(PipelineRunState.Cancelled, cancelled!.State);
        Assert.Contains(cancelled.Tasks, t => t.State == PipelineTaskState.Cancelled);

        await backend.CancelAsync(created.RunId);
        Assert.Equal(PipelineRunState.Cancelled, (await backend.GetAsync(created.RunId))!.State);
    }

    [Fact]
    public async Task A_429_storm_is_retried_until_the_job_is_created_once()
    {
        await using var fixture = await VertexFixture.StartAsync();
        fixture.Server.Faults.Respond(429, IsCreate, retryAfterSeconds: 0, times: 3);

        var created = await fixture.Backend().SubmitAsync(VertexFixture.Run());

        Assert.Equal(4, fixture.Server.Requests.Count(r => r.Method == "POST"));
        Assert.Equal(0, fixture.Server.Faults.Pending);
        Assert.Equal(created.RunId, Assert.Single(fixture.Server.JobNames));
    }

    [Fact]
    public async Task A_create_sent_again_after_its_answer_was_lost_finds_the_first_job()
    {
        await using var fixture = await VertexFixture.StartAsync();
        fixture.Server.DropCreateAnswers();

        var created = await fixture.Backend().SubmitAsync(VertexFixture.Run(runId: null));

        var name = Assert.Single(fixture.Server.JobNames);
        Assert.Equal(name, created.RunId);
        Assert.Matches("/pipelineJobs/training-[0-9]{14}$", name);
        Assert.Equal(["POST", "POST", "GET"], fixture.Server.Requests.Select(r => r.Method));
        Assert.Equal(fixture.Server.Requests[0].PathAndQuery, fixture.Server.Requests[1].PathAndQuery);
    }

    [Fact]
    public async Task A_job_id_taken_by_another_run_is_refused()
    {
        await using var fixture = await VertexFixture.StartAsync();
        var backend = fixture.Backend();
        await backend.SubmitAsync(VertexFixture.Run());

        var error = await Assert.ThrowsAsync<MlopsException>(() =>
            backend.SubmitAsync(VertexFixture.Run(parameters: new JsonObject { ["epochs"] = 9, ["dataset"] = "gs://acme-data/other.csv" })));

        Assert.Equal(ErrorCodes.Vertex.JobIdTaken, error.Code);
        Assert.Single(fixture.Server.JobNames);
    }

    [Fact]
    public async Task A_template_by_tag_is_refused_before_any_call()
    {
        await using var fixture = await VertexFixture.StartAsync();

        var error = await Assert.ThrowsAsync<MlopsException>(() => fixture.Backend().SubmitAsync(
            VertexFixture.Run(templateUri: $"https://{VertexFixture.Region}-kfp.pkg.dev/{VertexFixture.Project}/pipelines/training/latest")));

        Assert.Equal(ErrorCodes.Vertex.TemplateNotPinned, error.Code);
        Assert.Contains("sha256", error.Message);
        Assert.Empty(fixture.Server.Requests);
        Assert.Empty(fixture.Google.Requests);
    }

    [Fact]
    public async Task The_server_answers_500_to_a_template_by_tag_as_Vertex_does()
    {
        await using var fixture = await VertexFixture.StartAsync();
        var body = new JsonObject
        {
            ["displayName"] = "training",
            ["templateUri"] = $"https://{VertexFixture.Region}-kfp.pkg.dev/{VertexFixture.Project}/pipelines/training/latest",
            ["pipelineSpec"] = JsonNode.Parse("""{"pipelineInfo":{"name":"training"},"root":{"dag":{"tasks":{}}}}"""),
            ["runtimeConfig"] = new JsonObject { ["gcsOutputDirectory"] = VertexFixture.PipelineRoot },
        };

        var (status, error) = await PostAsync(fixture, "pipelineJobs?pipelineJobId=by-tag", body);

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("INTERNAL", error["error"]!["status"]!.GetValue<string>());
        Assert.Empty(fixture.Server.JobNames);
    }

    [Fact]
    public async Task Parameter_values_of_the_wrong_type_are_refused_by_the_server_with_its_message()
    {
        await using var fixture = await VertexFixture.StartAsync();

        var error = await Assert.ThrowsAsync<MlopsException>(() => fixture.Backend().SubmitAsync(
            VertexFixture.Run(parameters: new JsonObject { ["epochs"] = "three", ["dataset"] = "gs://acme-data/churn.csv" })));

        Assert.Equal(ErrorCodes.Vertex.InvalidArgument, error.Code);
        Assert.Contains("epochs", error.Message);
        Assert.Contains("NUMBER_INTEGER", error.Message);
        Assert.Contains("INVALID_ARGUMENT", error.Message);
        Assert.Empty(fixture.Server.JobNames);
    }

    [Theory]
    [InlineData("""{"displayName":"x","colour":"blue"}""", "Unknown name \"colour\" at 'pipeline_job'")]
    [InlineData("""{"displayName":5}""", "Invalid value at 'pipeline_job.display_name' (TYPE_STRING), 5")]
    [InlineData("""{"displayName":"x","runtimeConfig":{"outputDirectory":"gs://b"}}""", "Unknown name \"outputDirectory\" at 'pipeline_job.runtime_config'")]
    [InlineData("""{"displayName":"x","labels":{"team":7}}""", "Invalid value at 'pipeline_job.labels[team]' (TYPE_STRING), 7")]
    [InlineData("""{"displayName":"x","pipelineSpec":{"pipelineInfo":{"name":"x"},"root":{}}}""", "gcs_output_directory is required")]
    public async Task The_server_refuses_unknown_fields_wrong_types_and_a_missing_output_directory(string json, string message)
    {
        await using var fixture = await VertexFixture.StartAsync();

        var (status, error) = await PostAsync(fixture, "pipelineJobs", JsonNode.Parse(json)!.AsObject());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_ARGUMENT", error["error"]!["status"]!.GetValue<string>());
        Assert.Equal(400, error["error"]!["code"]!.GetValue<int>());
        Assert.Contains(message, error["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_403_says_which_role_to_grant_to_whom_and_never_shows_the_token()
    {
        await using var fixture = await VertexFixture.StartAsync();
        fixture.Server.Deny("aiplatform.pipelineJobs.create");

        var error = await Assert.ThrowsAsync<MlopsException>(() => fixture.Backend().SubmitAsync(VertexFixture.Run()));

        Assert.Equal(ErrorCodes.Vertex.PermissionDenied, error.Code);
        Assert.Contains("roles/aiplatform.user", error.Message);
        Assert.Contains(VertexFixture.ServiceAccount, error.Message);
        Assert.Contains("aiplatform.pipelineJobs.create", error.Message);
        Assert.Contains(VertexFixture.Project, error.Message);
        Assert.DoesNotContain(VertexFixture.AccessToken, error.ToString());
    }

    [Fact]
    public async Task A_token_the_server_does_not_accept_is_a_401_that_says_to_log_in_again()
    {
        await using var fixture = await VertexFixture.StartAsync();
        var backend = new Mlops.Backends.Vertex.VertexPipelineBackend(fixture.Environment(), new FixedToken("ya29.someone-elses-token"),
            retries: Mlops.Registries.Http.RetrySettings.Immediate);

        var error = await Assert.ThrowsAsync<MlopsException>(() => backend.GetAsync("training-run-1"));

        Assert.Equal(ErrorCodes.Vertex.Unauthenticated, error.Code);
        Assert.Contains("gcloud auth application-default login", error.Message);
        Assert.DoesNotContain("someone-elses", error.ToString());
    }

    [Fact]
    public async Task A_runner_without_a_pipeline_root_is_refused_before_any_call()
    {
        await using var fixture = await VertexFixture.StartAsync();

        var error = await Assert.ThrowsAsync<MlopsException>(() => fixture.Backend(pipelineRoot: null).SubmitAsync(VertexFixture.Run()));

        Assert.Equal(ErrorCodes.Vertex.NoPipelineRoot, error.Code);
        Assert.Empty(fixture.Server.Requests);
    }

    [Fact]
    public async Task An_unknown_job_reads_as_null_and_list_pages_newest_first()
    {
        await using var fixture = await VertexFixture.StartAsync();
        var backend = fixture.Backend();
        foreach (var id in (string[])["run-a", "run-b", "run-c"])
        {
            await backend.SubmitAsync(VertexFixture.Run(runId: id));
        }

        Assert.Null(await backend.GetAsync("no-such-run"));
        var runs = await backend.ListAsync("training", 2);
        var all = await backend.ListAsync(null, 10);

        Assert.Equal(["run-c", "run-b"], runs.Select(r => r.RunId.Split('/')[^1]));
        Assert.Equal(3, all.Count);
        Assert.Empty(await backend.ListAsync("other-pipeline", 10));
        Assert.Contains(fixture.Server.Requests, r => r.PathAndQuery.Contains("filter=pipeline_name%3D%22training%22", StringComparison.Ordinal)
            && r.PathAndQuery.Contains("orderBy=create_time%20desc", StringComparison.Ordinal));
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(VertexFixture fixture, string collectionAndQuery, JsonObject body)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post,
            new Uri(fixture.Server.BaseUri, $"v1/projects/{VertexFixture.Project}/locations/{VertexFixture.Region}/{collectionAndQuery}"))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", VertexFixture.AccessToken);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }
}
