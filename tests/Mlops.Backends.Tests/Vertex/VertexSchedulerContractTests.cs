using System.Text.Json.Nodes;
using Mlops.Backends.Schedules;
using Mlops.Diagnostics;

namespace Mlops.Backends.Tests.Vertex;

/// <summary>VertexScheduler against the loopback Vertex AI schedules API: created, updated, paused and resumed, never duplicated.</summary>
public sealed class VertexSchedulerContractTests
{
    private static PipelineScheduleSpec Nightly(string cron = "0 2 * * *", int epochs = 3) =>
        new("training-nightly", cron, VertexFixture.Run(runId: null, parameters: new JsonObject { ["epochs"] = epochs, ["dataset"] = "gs://acme-data/churn.csv" }))
        {
            TimeZone = "Europe/Paris",
            MaxConcurrentRuns = 1,
        };

    [Fact]
    public async Task A_schedule_is_created_with_the_job_it_runs_and_a_TZ_cron()
    {
        await using var fixture = await VertexFixture.StartAsync();

        var schedule = await fixture.Scheduler().CreateAsync(Nightly());

        var (path, body) = Assert.Single(fixture.Server.Bodies);
        Assert.Equal($"/v1/projects/{VertexFixture.Project}/locations/{VertexFixture.Region}/schedules", path);
        Assert.Equal("training-nightly", body["displayName"]!.GetValue<string>());
        Assert.Equal("TZ=Europe/Paris 0 2 * * *", body["cron"]!.GetValue<string>());
        Assert.Equal("1", body["maxConcurrentRunCount"]!.GetValue<string>());
        var request = body["createPipelineJobRequest"]!;
        Assert.Equal($"projects/{VertexFixture.Project}/locations/{VertexFixture.Region}", request["parent"]!.GetValue<string>());
        Assert.Null(request["pipelineJobId"]);
        Assert.Equal(VertexFixture.PipelineRoot, request["pipelineJob"]!["runtimeConfig"]!["gcsOutputDirectory"]!.GetValue<string>());
        Assert.Equal(VertexFixture.RunAs, request["pipelineJob"]!["serviceAccount"]!.GetValue<string>());

        Assert.Equal(PipelineScheduleState.Active, schedule.State);
        Assert.Equal("0 2 * * *", schedule.Cron);
        Assert.Equal("Europe/Paris", schedule.TimeZone);
        Assert.StartsWith($"projects/{VertexFixture.Project}/locations/{VertexFixture.Region}/schedules/", schedule.Id);
        Assert.Equal(VertexFixture.Run().TemplateUri, schedule.TemplateUri);
        Assert.Equal("3", schedule.Parameters["epochs"]);
    }

    [Fact]
    public async Task Creating_a_display_name_that_exists_updates_it_instead_of_making_a_second()
    {
        await using var fixture = await VertexFixture.StartAsync();
        var scheduler = fixture.Scheduler();
        var first = await scheduler.CreateAsync(Nightly());

        var second = await scheduler.CreateAsync(Nightly(cron: "30 3 * * 1", epochs: 5));

        Assert.Equal(first.Id, second.Id);
        var stored = Assert.Single(fixture.Server.Schedules);
        Assert.Equal("TZ=Europe/Paris 30 3 * * 1", stored["cron"]!.GetValue<string>());
        Assert.Equal(5, stored["createPipelineJobRequest"]!["pipelineJob"]!["runtimeConfig"]!["parameterValues"]!["epochs"]!.GetValue<int>());
        Assert.Contains(fixture.Server.Requests, r => r.Method == "PATCH"
            && r.PathAndQuery.EndsWith("?updateMask=cron%2CmaxConcurrentRunCount%2CcreatePipelineJobRequest", StringComparison.Ordinal));
        Assert.Equal("30 3 * * 1", Assert.Single(await scheduler.ListAsync("training-")).Cron);
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_found_by_its_display_name_and_not_sent_again()
    {
        await using var fixture = await VertexFixture.StartAsync();
        fixture.Server.DropCreateAnswers();

        var schedule = await fixture.Scheduler().CreateAsync(Nightly());

        Assert.Single(fixture.Server.Schedules);
        Assert.Equal(1, fixture.Server.Requests.Count(r => r.Method == "POST"));
        Assert.Equal("training-nightly", schedule.DisplayName);
    }

    [Fact]
    public async Task A_create_dropped_before_it_was_made_is_sent_again_once()
    {
        await using var fixture = await VertexFixture.StartAsync();
        fixture.Server.Faults.DropConnection(r => r.Method == "POST" && r.Path.Value!.EndsWith("/schedules", StringComparison.Ordinal));

        await fixture.Scheduler().CreateAsync(Nightly());

        Assert.Single(fixture.Server.Schedules);
        Assert.Equal(2, fixture.Server.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task Pause_and_resume_change_the_state_and_are_harmless_when_it_already_is_so()
    {
        await using var fixture = await VertexFixture.StartAsync();
        var scheduler = fixture.Scheduler();
        var schedule = await scheduler.CreateAsync(Nightly());

        await scheduler.PauseAsync(schedule.Id);
        await scheduler.PauseAsync(schedule.Id.Split('/')[^1]);
        Assert.Equal(PipelineScheduleState.Paused, Assert.Single(await scheduler.ListAsync("")).State);

        await scheduler.ResumeAsync(schedule.Id);
        await scheduler.ResumeAsync(schedule.Id);
        Assert.Equal(PipelineScheduleState.Active, Assert.Single(await scheduler.ListAsync("training-nightly")).State);
        Assert.Single(fixture.Server.Schedules);
    }

    [Fact]
    public async Task A_job_a_schedule_created_names_it()
    {
        await using var fixture = await VertexFixture.StartAsync();
        var schedule = await fixture.Scheduler().CreateAsync(Nightly());

        var job = fixture.Server.TriggerSchedule(schedule.Id);

        Assert.Equal(schedule.Id, (await fixture.Backend().GetAsync(job))!.Schedule);
    }

    [Theory]
    [InlineData("0 2 * *")]
    [InlineData("TZ=UTC 0 2 * * *")]
    public async Task A_cron_that_is_not_five_fields_is_refused_before_any_call(string cron)
    {
        await using var fixture = await VertexFixture.StartAsync();

        var error = await Assert.ThrowsAsync<MlopsException>(() => fixture.Scheduler().CreateAsync(Nightly(cron)));

        Assert.Equal(ErrorCodes.Vertex.InvalidSchedule, error.Code);
        Assert.Empty(fixture.Server.Requests);
    }
}
