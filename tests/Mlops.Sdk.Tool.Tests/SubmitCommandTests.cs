using Xunit.Abstractions;
using Mlops.Sdk.Tool.Tests.Support;

namespace Mlops.Sdk.Tool.Tests;

/// <summary>
/// submit, what dotnet run -- submit runs: the published template, resolved from its tag to its sha256, on the
/// environment's runner (here a KFP backend contract server); --wait follows it and exits by its end.
/// </summary>
public sealed class SubmitCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_published_pipeline_runs_by_its_digest_and_wait_exits_by_its_end()
    {
        await using var environments = await RemoteEnvironments.StartAsync(output);
        if (environments is null)
        {
            return;
        }
        var digests = await environments.PublishAsync("dataops", "1.0.0");

        var result = await SdkTool.RunAsync(environments.Submit("team-training", "dataops", "--param", "table=crm.churn", "--wait"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Submitting team-training 1.0.0 ({digests["team-training"]}) to dataops", result.Output);
        Assert.Contains("prepare: Succeeded", result.Output);
        Assert.Contains("train: Succeeded", result.Output);
        Assert.Matches(@"Run \S+ succeeded", result.Output);
        var run = Assert.Single(environments.Backend.Runs);
        Assert.Equal("crm.churn", run["runtime_config"]!["parameters"]!["table"]!.GetValue<string>());
        Assert.Equal("s3://acme-dataops/root", run["runtime_config"]!["pipeline_root"]!.GetValue<string>());
        // The template's bytes became the pipeline version the run names, named by their digest.
        var version = Assert.Single(environments.Backend.Versions, v => v.Version["name"]!.GetValue<string>().Contains(digests["team-training"].Replace(':', '-')));
        Assert.Equal(version.Version["pipeline_version_id"]!.GetValue<string>(), run["pipeline_version_reference"]!["pipeline_version_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failed_run_exits_with_MLOPS6083_naming_the_task_and_its_message()
    {
        await using var environments = await RemoteEnvironments.StartAsync(output);
        if (environments is null)
        {
            return;
        }
        await environments.PublishAsync("dataops", "1.0.0");
        environments.Backend.FailTask("train", "ValueError: the table crm.customers is empty");

        var result = await SdkTool.RunAsync(environments.Submit("team-training", "dataops", "--wait"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error MLOPS6083", result.Output);
        Assert.Contains("in task 'train'", result.Output);
        Assert.Contains("the table crm.customers is empty", result.Output);
        Assert.DoesNotContain("   at ", result.Output + result.Error);
    }

    [Fact]
    public async Task A_training_pipeline_is_refused_outside_a_training_environment_before_any_run()
    {
        await using var environments = await RemoteEnvironments.StartAsync(output);
        if (environments is null)
        {
            return;
        }
        await environments.PublishAsync("prod", "1.0.0");

        var result = await SdkTool.RunAsync(environments.Submit("team-training", "prod"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error MLOPS6082", result.Output);
        Assert.Contains("-e dataops", result.Output);
        Assert.Empty(environments.Backend.Runs);
    }

    [Theory]
    [InlineData("tabel=x", "MLOPS2001", "'table'")]
    [InlineData("table", "MLOPS2005", "NAME=VALUE")]
    public async Task A_parameter_mistake_is_refused_before_any_call(string parameter, string code, string advice)
    {
        await using var environments = await RemoteEnvironments.StartAsync(output);
        if (environments is null)
        {
            return;
        }
        await environments.PublishAsync("dataops", "1.0.0");
        environments.Backend.ClearRequests();

        var result = await SdkTool.RunAsync(environments.Submit("team-report", "dataops", "--param", parameter));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error {code}", result.Output);
        Assert.Contains(advice, result.Output);
        Assert.Empty(environments.Backend.Requests);
    }

    [Fact]
    public async Task A_secret_looking_parameter_is_submitted_with_MLOPS6088_saying_to_read_it_at_run_time_and_its_value_is_not_printed()
    {
        await using var environments = await RemoteEnvironments.StartAsync(output);
        if (environments is null)
        {
            return;
        }
        await environments.PublishAsync("dataops", "1.0.0");
        const string planted = "planted-report-token-4f1c9e";

        var result = await SdkTool.RunAsync(environments.Submit("team-report", "dataops", "--param", $"report_token={planted}", "--param", "table=crm.churn"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var warning = Assert.Single(result.Output.Split('\n'), line => line.Contains("MLOPS6088"));
        Assert.Contains("warning MLOPS6088", warning);
        Assert.Contains("--param report_token looks like a secret", warning);
        Assert.Contains("read it at run time", warning);
        Assert.DoesNotContain("table", warning);
        Assert.DoesNotContain(planted, result.Output);
        var run = Assert.Single(environments.Backend.Runs);
        Assert.Equal(planted, run["runtime_config"]!["parameters"]!["report_token"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_version_never_published_is_MLOPS6081_saying_to_publish_first()
    {
        await using var environments = await RemoteEnvironments.StartAsync(output);
        if (environments is null)
        {
            return;
        }
        await environments.PublishAsync("dataops", "0.9.0");

        var result = await SdkTool.RunAsync(environments.Submit("team-report", "dataops"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error MLOPS6081", result.Output);
        Assert.Contains("dotnet publish -p:Environment=dataops", result.Output);
    }

    [Fact]
    public async Task Runs_lists_the_environments_runs_newest_first_with_state_and_duration()
    {
        await using var environments = await RemoteEnvironments.StartAsync(output);
        if (environments is null)
        {
            return;
        }
        await environments.PublishAsync("dataops", "1.0.0");
        Assert.Equal(0, (await SdkTool.RunAsync(environments.Submit("team-report", "dataops", "--wait"))).ExitCode);
        Assert.Equal(0, (await SdkTool.RunAsync(environments.Submit("team-training", "dataops"))).ExitCode);

        var result = await SdkTool.RunAsync("runs", "-e", "dataops", "--environments-file", environments.EnvironmentsFile);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = Array.FindIndex(lines, l => l.StartsWith("RUN ", StringComparison.Ordinal));
        Assert.True(header >= 0, result.Output);
        Assert.Contains("team-training", lines[header + 1]);
        Assert.Contains("team-report", lines[header + 2]);
        Assert.Contains("Succeeded", lines[header + 2]);
    }
}

/// <summary>What submit --wait does on Ctrl+C, and why a tag moved after resolving changes nothing.</summary>
public sealed class RunFollowingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Cancelling_while_following_asks_the_runner_to_cancel_and_ends_with_MLOPS6084()
    {
        await using var environments = await RemoteEnvironments.StartAsync(output);
        if (environments is null)
        {
            return;
        }
        await environments.PublishAsync("dataops", "1.0.0");
        var definition = Mlops.Environments.EnvironmentsFile.Load(environments.EnvironmentsFile).Get("dataops");
        var runner = Mlops.Backends.RunnerConnector.Connect(definition);
        var template = await Mlops.Publishing.Runs.PublishedTemplate.ResolveAsync(Registry(environments, "dataops"), "dataops", "team-report", "1.0.0", CancellationToken.None);
        var submitted = await runner.Runs.SubmitAsync(Mlops.Publishing.Runs.RunSubmission.Prepare(template, definition, new Dictionary<string, string>(), "1.0.0", null));
        using var ctrlC = new CancellationTokenSource();
        var log = new StringWriter();
        var follower = new Mlops.Publishing.Runs.RunFollower(runner.Runs, log) { FirstPoll = TimeSpan.FromMilliseconds(50) };

        ctrlC.Cancel();
        var e = await Assert.ThrowsAsync<Mlops.Diagnostics.MlopsException>(() => follower.FollowAsync(submitted, ctrlC.Token));

        Assert.Equal("MLOPS6084", e.Code);
        Assert.Contains("cancelling", log.ToString());
        Assert.Contains(environments.Backend.Requests, r => r.Method == "POST" && r.PathAndQuery.EndsWith(":terminate", StringComparison.Ordinal));
        Assert.Equal("CANCELED", Assert.Single(environments.Backend.Runs)["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_tag_moved_between_resolve_and_submit_changes_nothing_the_resolved_digest_is_what_runs()
    {
        await using var environments = await RemoteEnvironments.StartAsync(output);
        if (environments is null)
        {
            return;
        }
        var first = await environments.PublishAsync("vertexops", "1.0.0");
        var definition = Mlops.Environments.EnvironmentsFile.Load(environments.EnvironmentsFile).Get("vertexops");
        var template = await Mlops.Publishing.Runs.PublishedTemplate.ResolveAsync(Registry(environments, "vertexops"), "vertexops", "team-report", "latest", CancellationToken.None);
        var request = Mlops.Publishing.Runs.RunSubmission.Prepare(template, definition, new Dictionary<string, string>(), "latest", null);

        var moved = await environments.PublishAsync("vertexops", "1.1.0", "build-2");
        Assert.NotEqual(first["team-report"], moved["team-report"]);
        var run = await Mlops.Backends.RunnerConnector.Connect(definition).Runs.SubmitAsync(request);

        Assert.Equal(first["team-report"], run.TemplateDigest);
        Assert.EndsWith("/team-report/" + first["team-report"], run.TemplateUri);
    }

    private static Mlops.Registries.Kfp.KfpTemplateRegistry Registry(RemoteEnvironments environments, string name) =>
        new(environments.PipelinesUrl(name), Mlops.Registries.Http.RegistryHttpClient.Create(Mlops.Registries.Http.RetrySettings.Immediate));
}
