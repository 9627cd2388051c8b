using Mlops.Backends.Vertex;
using Mlops.Environments;
using Mlops.Pipelines.Hosting;
using Mlops.Publishing.Runs;
using Mlops.Registries.Auth.Google;
using Mlops.Registries.Http;
using Mlops.Registries.Kfp;
using Mlops.Sdk.Tool.Tests.Support;
using Xunit.Abstractions;

namespace Mlops.Sdk.Tool.Tests;

/// <summary>
/// What publish does with the [Schedule]s of the code, against the Vertex AI contract server's schedules API: created
/// once, updated to the version just published, paused when no longer declared, resumed when declared again.
/// </summary>
public sealed class ScheduleReconcileContractTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Schedules_are_created_once_updated_to_the_new_version_paused_and_resumed_never_duplicated()
    {
        await using var environments = await RemoteEnvironments.StartAsync(output);
        if (environments is null)
        {
            return;
        }
        var definition = EnvironmentsFile.Load(environments.EnvironmentsFile).Get("vertexops");
        var scheduler = new VertexScheduler(definition, new GoogleAccessTokenSource());
        var registry = new KfpTemplateRegistry(environments.PipelinesUrl("vertexops"), RegistryHttpClient.Create(RetrySettings.Immediate));
        DeclaredSchedule[] declared = [new("team-report", "nightly", "0 2 * * *", ["vertexops", "prod"])
        {
            TimeZone = "Europe/Paris",
            Parameters = new Dictionary<string, string> { ["table"] = "crm.active" },
        }];
        string[] pipelines = ["team-report", "team-training"];
        async Task<string> ReconcileAsync(string version, IReadOnlyList<DeclaredSchedule> mine)
        {
            var template = await PublishedTemplate.ResolveAsync(registry, "vertexops", "team-report", version, CancellationToken.None);
            var log = new StringWriter();
            await ScheduleReconciler.ReconcileAsync(mine, scheduler, pipelines, new Dictionary<string, PublishedTemplate> { ["team-report"] = template },
                version, log, CancellationToken.None);
            return log.ToString();
        }

        var digests = await environments.PublishAsync("vertexops", "1.0.0");
        var created = await ReconcileAsync("1.0.0", declared);
        var again = await ReconcileAsync("1.0.0", declared);

        var schedule = Assert.Single(environments.Vertex.Schedules);
        Assert.Equal("team-report nightly", schedule["displayName"]!.GetValue<string>());
        Assert.Equal("TZ=Europe/Paris 0 2 * * *", schedule["cron"]!.GetValue<string>());
        Assert.Equal("ACTIVE", schedule["state"]!.GetValue<string>());
        var job = schedule["createPipelineJobRequest"]!["pipelineJob"]!;
        Assert.EndsWith("/team-report/" + digests["team-report"], job["templateUri"]!.GetValue<string>());
        Assert.Equal("crm.active", job["runtimeConfig"]!["parameterValues"]!["table"]!.GetValue<string>());
        Assert.Contains("created", created);
        Assert.Equal("", again);

        var newer = await environments.PublishAsync("vertexops", "1.1.0", "build-2");
        var updated = await ReconcileAsync("1.1.0", declared);
        schedule = Assert.Single(environments.Vertex.Schedules);
        Assert.EndsWith("/team-report/" + newer["team-report"], schedule["createPipelineJobRequest"]!["pipelineJob"]!["templateUri"]!.GetValue<string>());
        Assert.Contains("updated to 1.1.0", updated);

        var paused = await ReconcileAsync("1.1.0", []);
        Assert.Equal("PAUSED", Assert.Single(environments.Vertex.Schedules)["state"]!.GetValue<string>());
        Assert.Contains("paused", paused);

        var resumed = await ReconcileAsync("1.1.0", declared);
        Assert.Equal("ACTIVE", Assert.Single(environments.Vertex.Schedules)["state"]!.GetValue<string>());
        Assert.Contains("resumed", resumed);
    }

    [Fact]
    public void A_schedule_of_the_training_pipeline_outside_a_training_environment_is_refused_before_publishing()
    {
        var compiled = Mlops.Pipelines.Compiler.PipelineCompiler.Compile(new TeamTraining(), new() { SdkVersion = "test" }).EnsureSuccess();
        var ir = Mlops.Pipelines.Ir.IrFile.Parse(compiled.ToYaml(), "team-training.yaml");
        var prod = new EnvironmentDefinition("prod", "acme-prod", "europe-west4", false, new EnvironmentRegistries(null, false, null, null, null),
            new EnvironmentRunner(EnvironmentRunner.Vertex, "gs://b/root", null, null, null, null, new Dictionary<string, string>()),
            "staging", false, null, new Mlops.Diagnostics.SourceLocation("mlops.environments.json", 1));

        var e = Assert.Throws<Mlops.Diagnostics.MlopsException>(() => ScheduleReconciler.Check(
            [new DeclaredSchedule("team-training", "weekly", "0 3 * * 1", ["prod"])], prod, new Dictionary<string, Mlops.Pipelines.Ir.IrFile> { ["team-training"] = ir }));

        Assert.Equal("MLOPS6082", e.Code);
        Assert.Contains("Schedule it in the training environment", e.Message);
    }
}
