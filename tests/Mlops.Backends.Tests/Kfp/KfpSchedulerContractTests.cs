using Mlops.Backends.Schedules;
using Mlops.Diagnostics;

namespace Mlops.Backends.Tests.Kfp;

/// <summary>KfpScheduler against the loopback KFP API's recurring runs: created, updated, paused, never duplicated.</summary>
public sealed class KfpSchedulerContractTests
{
    [Fact]
    public async Task A_schedule_becomes_a_recurring_run_with_a_six_field_cron_in_utc()
    {
        await using var fixture = await KfpBackendFixture.StartAsync();
        var scheduler = fixture.Scheduler();

        var schedule = await scheduler.CreateAsync(KfpBackendFixture.Schedule("greeting-weekly") with { MaxConcurrentRuns = 2, TimeZone = "UTC" });

        var (path, body) = Assert.Single(fixture.Server.Bodies);
        Assert.Equal("recurringruns", path);
        Assert.Equal(["display_name", "description", "pipeline_version_reference", "runtime_config", "max_concurrency", "trigger", "mode", "no_catchup", "service_account"],
            body.Select(f => f.Key));
        Assert.Equal("greeting-weekly", body["display_name"]!.GetValue<string>());
        Assert.Equal("0 30 6 * * 1", body["trigger"]!["cron_schedule"]!["cron"]!.GetValue<string>());
        Assert.Equal(2, body["max_concurrency"]!.GetValue<int>());
        Assert.Equal("ENABLE", body["mode"]!.GetValue<string>());
        Assert.True(body["no_catchup"]!.GetValue<bool>());
        Assert.Equal(KfpBackendFixture.PipelineRoot, body["runtime_config"]!["pipeline_root"]!.GetValue<string>());
        Assert.Equal("\"ada\"", schedule.Parameters["name"]);
        Assert.Equal(("greeting-weekly", "30 6 * * 1", PipelineScheduleState.Active, "UTC"), (schedule.DisplayName, schedule.Cron, schedule.State, schedule.TimeZone));
        Assert.EndsWith("/greeting/" + ContentDigest.Compute(KfpBackendFixture.GreetingIr), schedule.TemplateUri, StringComparison.Ordinal);

        var listed = Assert.Single(await scheduler.ListAsync("greeting-"));
        Assert.Equal(schedule, listed with { Parameters = schedule.Parameters });
        Assert.Empty(await scheduler.ListAsync("other-"));
    }

    [Fact]
    public async Task A_create_whose_answer_is_lost_makes_one_recurring_run()
    {
        await using var fixture = await KfpBackendFixture.StartAsync();
        fixture.Server.LoseCreateAnswer("recurringruns");

        var schedule = await fixture.Scheduler().CreateAsync(KfpBackendFixture.Schedule("greeting-weekly"));

        Assert.Equal(schedule.Id, Assert.Single(fixture.Server.RecurringRuns)["recurring_run_id"]!.GetValue<string>());
        Assert.Single(fixture.Server.Requests, r => r.Method == "POST" && r.PathAndQuery == ContractServers.KfpBackend.KfpBackendServer.ApiPrefix + "recurringruns");
    }

    [Fact]
    public async Task An_update_replaces_the_recurring_run_keeping_one_and_its_pause()
    {
        await using var fixture = await KfpBackendFixture.StartAsync();
        var scheduler = fixture.Scheduler();
        var first = await scheduler.CreateAsync(KfpBackendFixture.Schedule("greeting-weekly"));
        await scheduler.PauseAsync(first.Id);

        var updated = await scheduler.UpdateAsync(first.Id, KfpBackendFixture.Schedule("greeting-weekly", "0 7 * * 2", name: "grace"));
        var again = await scheduler.UpdateAsync(updated.Id, KfpBackendFixture.Schedule("greeting-weekly", "0 7 * * 2", name: "grace"));

        var stored = Assert.Single(fixture.Server.RecurringRuns);
        Assert.Equal(again.Id, stored["recurring_run_id"]!.GetValue<string>());
        Assert.NotEqual(first.Id, again.Id);
        Assert.Equal("0 0 7 * * 2", stored["trigger"]!["cron_schedule"]!["cron"]!.GetValue<string>());
        Assert.Equal("DISABLED", stored["status"]!.GetValue<string>());
        Assert.Equal(("0 7 * * 2", PipelineScheduleState.Paused, "\"grace\""), (again.Cron, again.State, again.Parameters["name"]));
        Assert.Single(fixture.Server.Versions, v => v.Version["name"]!.GetValue<string>().StartsWith("sha256-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pause_and_resume_disable_and_enable_the_recurring_run()
    {
        await using var fixture = await KfpBackendFixture.StartAsync();
        var scheduler = fixture.Scheduler();
        var schedule = await scheduler.CreateAsync(KfpBackendFixture.Schedule("greeting-weekly"));

        await scheduler.PauseAsync(schedule.Id);
        var paused = Assert.Single(await scheduler.ListAsync("greeting-weekly"));
        await scheduler.ResumeAsync(schedule.Id);
        var resumed = Assert.Single(await scheduler.ListAsync("greeting-weekly"));

        Assert.Equal(PipelineScheduleState.Paused, paused.State);
        Assert.Equal(PipelineScheduleState.Active, resumed.State);
        Assert.Contains(fixture.Server.Requests, r => r.Method == "POST" && r.PathAndQuery.EndsWith($"/recurringruns/{schedule.Id}:disable", StringComparison.Ordinal));
        var missing = await Assert.ThrowsAsync<MlopsException>(() => scheduler.PauseAsync("no-such-schedule"));
        Assert.Equal(ErrorCodes.KfpBackend.ScheduleNotFound, missing.Code);
    }

    [Theory]
    [InlineData("Europe/Amsterdam", "30 6 * * 1", 1, ErrorCodes.KfpBackend.ScheduleTimeZoneNotUtc)]
    [InlineData(null, "0 30 6 * * 1", 1, ErrorCodes.KfpBackend.ScheduleCronInvalid)]
    [InlineData(null, "30 6 * * 1", 11, ErrorCodes.KfpBackend.ScheduleConcurrencyOutOfRange)]
    public async Task A_schedule_kfp_cannot_hold_is_refused_before_any_call(string? timeZone, string cron, int concurrency, string code)
    {
        await using var fixture = await KfpBackendFixture.StartAsync();

        var error = await Assert.ThrowsAsync<MlopsException>(() =>
            fixture.Scheduler().CreateAsync(KfpBackendFixture.Schedule("greeting-weekly", cron) with { TimeZone = timeZone, MaxConcurrentRuns = concurrency }));

        Assert.Equal(code, error.Code);
        Assert.Contains("greeting-weekly", error.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Server.Requests);
    }
}
