using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Mlops.Backends.Kfp;
using Mlops.ContractServers.KfpBackend;
using Mlops.Diagnostics;
using Mlops.Environments;

namespace Mlops.Backends.Tests.Kfp;

/// <summary>KfpPipelineBackend when the KFP API fails or refuses: retried where safe, never a second run, coded messages without the token.</summary>
public sealed class KfpFaultsContractTests
{
    private static bool Is(HttpRequest request, string method, string path) =>
        request.Method == method && request.Path.Value == KfpBackendServer.ApiPrefix + path;

    [Fact]
    public async Task A_429_storm_is_waited_out_and_makes_one_pipeline_one_version_and_one_run()
    {
        await using var fixture = await KfpBackendFixture.StartAsync();
        fixture.Server.Faults.Respond(429, r => Is(r, "POST", "pipelines/upload"), retryAfterSeconds: 0, times: 2);
        fixture.Server.Faults.Respond(429, r => Is(r, "POST", "pipelines/upload_version"), retryAfterSeconds: 0, times: 2);
        fixture.Server.Faults.Respond(429, r => Is(r, "POST", "runs"), retryAfterSeconds: 0, times: 3);
        fixture.Server.Faults.Respond(503, r => r.Method == "GET", times: 2);
        var backend = fixture.Backend();

        var run = await backend.SubmitAsync(KfpBackendFixture.Request("greeting", KfpBackendFixture.GreetingIr));
        var ended = await KfpBackendFixture.FollowAsync(backend, run.RunId);

        Assert.Equal(0, fixture.Server.Faults.Pending);
        Assert.Equal(PipelineRunState.Succeeded, ended.State);
        Assert.Single(fixture.Server.Pipelines);
        Assert.Single(fixture.Server.Versions, v => v.Version["name"]!.GetValue<string>().StartsWith("sha256-", StringComparison.Ordinal));
        Assert.Equal(run.RunId, Assert.Single(fixture.Server.Runs)["run_id"]!.GetValue<string>());
        Assert.Equal(4, fixture.Server.Requests.Count(r => r.Method == "POST" && r.PathAndQuery == KfpBackendServer.ApiPrefix + "runs"));
    }

    [Fact]
    public async Task A_run_create_whose_answer_is_lost_is_found_and_not_made_again()
    {
        await using var fixture = await KfpBackendFixture.StartAsync();
        fixture.Server.LoseCreateAnswer("runs");

        var run = await fixture.Backend().SubmitAsync(KfpBackendFixture.Request("greeting", KfpBackendFixture.GreetingIr));

        var created = Assert.Single(fixture.Server.Runs);
        Assert.Equal(created["run_id"]!.GetValue<string>(), run.RunId);
        Assert.Single(fixture.Server.Requests, r => r.Method == "POST" && r.PathAndQuery == KfpBackendServer.ApiPrefix + "runs");
        Assert.Contains(fixture.Server.Requests, r => r.Method == "GET" && r.PathAndQuery.StartsWith(KfpBackendServer.ApiPrefix + "runs?", StringComparison.Ordinal) && r.PathAndQuery.Contains("filter=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_create_dropped_before_it_arrived_is_sent_again_once()
    {
        await using var fixture = await KfpBackendFixture.StartAsync();
        fixture.Server.Faults.DropConnection(r => Is(r, "POST", "runs"));

        var run = await fixture.Backend().SubmitAsync(KfpBackendFixture.Request("greeting", KfpBackendFixture.GreetingIr));

        Assert.Equal(run.RunId, Assert.Single(fixture.Server.Runs)["run_id"]!.GetValue<string>());
        Assert.Equal(2, fixture.Server.Requests.Count(r => r.Method == "POST" && r.PathAndQuery == KfpBackendServer.ApiPrefix + "runs"));
    }

    [Fact]
    public async Task The_server_refuses_an_unknown_field_and_our_bodies_have_none()
    {
        await using var fixture = await KfpBackendFixture.StartAsync();
        var backend = fixture.Backend();
        await backend.SubmitAsync(KfpBackendFixture.Request("greeting", KfpBackendFixture.GreetingIr));
        var scheduler = fixture.Scheduler();
        var schedule = await scheduler.CreateAsync(KfpBackendFixture.Schedule("greeting-weekly"));
        await scheduler.UpdateAsync(schedule.Id, KfpBackendFixture.Schedule("greeting-weekly", "0 7 * * 1"));

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Server.BaseUri, KfpBackendServer.ApiPrefix + "runs"))
        {
            Content = new StringContent("""{"display_name":"x","runtime_config":{"parameters":{},"labels":{"a":"b"}}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", KfpBackendFixture.Token);
        using var refused = await fixture.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("runtime_config.labels", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Every body our client sent was accepted: each made a run or a recurring run (the refused one is the last).
        Assert.Equal(fixture.Server.Runs.Count + 2, fixture.Server.Bodies.Count - 1);
        Assert.Single(fixture.Server.RecurringRuns);
    }

    [Fact]
    public async Task A_refused_token_is_reported_with_what_to_change_and_without_the_token()
    {
        await using var fixture = await KfpBackendFixture.StartAsync();
        const string wrongToken = "wrong-kfp-token-that-must-not-leak";

        var error = await Assert.ThrowsAsync<MlopsException>(() => fixture.Backend(wrongToken).SubmitAsync(KfpBackendFixture.Request("greeting", KfpBackendFixture.GreetingIr)));

        Assert.Equal(ErrorCodes.KfpBackend.Unauthorized, error.Code);
        Assert.Contains(fixture.Server.Endpoint.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(KfpServiceAccountToken.PathVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains("the test's service account token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongToken, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(KfpBackendFixture.Token, error.ToString(), StringComparison.Ordinal);
        Assert.Empty(fixture.Server.Pipelines);
    }

    [Fact]
    public async Task An_unreachable_endpoint_names_it_and_what_to_check()
    {
        await using var fixture = await KfpBackendFixture.StartAsync();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var environment = fixture.Environment with { Runner = fixture.Environment.Runner! with { Endpoint = new Uri($"http://127.0.0.1:{closedPort}/") } };
        var backend = new KfpPipelineBackend(environment, fixture.Http) { Retries = Registries.Http.RetrySettings.Immediate };

        var error = await Assert.ThrowsAsync<MlopsException>(() => backend.ListAsync(null, 5));

        Assert.Equal(ErrorCodes.KfpBackend.Unreachable, error.Code);
        Assert.Contains($"127.0.0.1:{closedPort}", error.Message, StringComparison.Ordinal);
        Assert.Contains("runner.endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_runner_that_is_not_kfp_is_refused_with_the_setting_to_write()
    {
        await using var fixture = await KfpBackendFixture.StartAsync();
        var vertex = fixture.Environment with { Runner = fixture.Environment.Runner! with { Kind = EnvironmentRunner.Vertex } };

        var error = Assert.Throws<MlopsException>(() => new KfpPipelineBackend(vertex, fixture.Http));

        Assert.Equal(ErrorCodes.KfpBackend.NotKfpRunner, error.Code);
        Assert.Contains("\"kind\": \"kfp\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_submit_without_a_template_digest_is_refused_before_any_call()
    {
        await using var fixture = await KfpBackendFixture.StartAsync();

        var error = await Assert.ThrowsAsync<MlopsException>(() => fixture.Backend().SubmitAsync(KfpBackendFixture.Request("greeting", KfpBackendFixture.GreetingIr) with { TemplateDigest = null }));

        Assert.Equal(ErrorCodes.KfpBackend.TemplateDigestMissing, error.Code);
        Assert.Empty(fixture.Server.Requests);
    }
}
