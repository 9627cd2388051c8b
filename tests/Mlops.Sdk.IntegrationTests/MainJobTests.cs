using Mlops.Sdk.IntegrationTests.Infrastructure;

namespace Mlops.Sdk.IntegrationTests;

/// <summary>
/// README's first command, eng/demo.sh, runs the main job end to end on the local environment: a team trains,
/// packs, publishes and predicts with its published model; a second team publishes; an aggregator composes both.
/// </summary>
public sealed class MainJobTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_demo_trains_packs_publishes_and_predicts_with_the_published_model()
    {
        PackedPackages.EnsureFresh();
        var work = TestRun.NewDirectory("demo");

        var environment = IsolatedEnvironment.WithoutTestHost();
        environment["MLOPS_DEMO_NO_BUILD"] = "1";
        var result = await ChildProcess.RunAsync("bash", [Path.Combine(Repository.Root, "eng", "demo.sh"), work], environment: environment,
            timeout: TimeSpan.FromMinutes(20));
        output.WriteLine(result.Output);
        output.WriteLine(result.Error);

        Assert.True(result.ExitCode == 0, $"eng/demo.sh failed ({result.ExitCode}): {result.Error}");
        var home = Path.Combine(work, "mlops-home");
        Assert.True(File.Exists(Path.Combine(home, "registries", "kfp", "churn-training", "tags", "latest")));
        Assert.True(File.Exists(Path.Combine(home, "registries", "kfp", "churn-prediction", "tags", "1.0.0")));
        Assert.Single(Directory.GetFiles(Path.Combine(home, "registries", "pypi", "simple", "churn-model"), "*.whl"));
        Assert.Contains("churn_model 1.0.0 from run", result.Output);
        var predictions = Directory.GetFiles(Path.Combine(home, "runs", "churn-prediction"), "predictions", SearchOption.AllDirectories);
        var lines = File.ReadAllLines(Assert.Single(predictions));
        Assert.Equal("customer_id,probability", lines[0]);
        Assert.True(lines.Length > 100);

        var aggregator = Path.Combine(work, "CustomerScoring");
        var locked = File.ReadAllText(Path.Combine(aggregator, "mlops.lock.json"));
        Assert.Contains("\"churn-prediction\"", locked);
        Assert.Contains("\"resolved\": \"2.1.0\"", locked);
        var composed = File.ReadAllText(Path.Combine(aggregator, "bin", "Debug", "net10.0", "pipelines", "customer-scoring.yaml"));
        Assert.Contains("comp-churn-prediction:", composed);
        Assert.Contains("comp-ltv-prediction:", composed);
        var ranking = File.ReadAllLines(Assert.Single(Directory.GetFiles(Path.Combine(home, "runs", "customer-scoring"), "ranking", SearchOption.AllDirectories)));
        Assert.Equal("customer_id,probability,expected_spend,value_at_risk", ranking[0]);
        Assert.Equal(101, ranking.Length);
    }
}
