using Mlops.Sdk.IntegrationTests.Infrastructure;

namespace Mlops.Sdk.IntegrationTests;

/// <summary>
/// README's first command, eng/demo.sh, runs the main job end to end on the local environment: a team trains,
/// packs, publishes and predicts with its published model; a second team publishes; an aggregator composes both; then
/// on loopback environments the team's training runs on dataops' Vertex AI, its model is published from that run and
/// promoted to prod.
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

        // The release's model was trained on dataops' runner (the Vertex AI contract server ran the steps), not locally.
        Assert.Matches(@"Run projects/acme-dataops/locations/europe-west4/pipelineJobs/churn-training-\d{14} succeeded", result.Output);
        AssertReleaseIsWhatTheServicesStored(work);
        // The ledger table, read back from each environment's own registry: prod's release came from staging, approved.
        Assert.Matches(@"(?m)^\s*dataops\s+\| 1\.0\.0\s+\| published ", result.Output);
        Assert.Matches(@"(?m)^\s*prod\s+\| 1\.0\.0\s+\| staging .*\| demo-approver ", result.Output);
    }

    /// <summary>
    /// release.json's environments: each digest is the sha256 of the bytes a service keeps under services/. dataops
    /// holds the whole release; dev, staging and prod what they run (the prediction pipeline), with the very same
    /// image digests and wheel, under their own repositories.
    /// </summary>
    private static void AssertReleaseIsWhatTheServicesStored(string work)
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(work, "release.json")));
        var environments = json.RootElement.GetProperty("environments");
        Assert.Equal(["dataops", "dev", "prod", "staging"], environments.EnumerateObject().Select(e => e.Name).Order());
        var services = Path.Combine(work, "services");
        var stored = Directory.GetFiles(services, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".log", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}engine{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))))
            .ToHashSet(StringComparer.Ordinal);
        var dataops = environments.GetProperty("dataops");
        var dataopsImages = dataops.GetProperty("images").EnumerateObject().Select(i => i.Value.GetString()!).ToHashSet(StringComparer.Ordinal);
        var dataopsWheel = Assert.Single(dataops.GetProperty("wheels").EnumerateObject());
        Assert.Equal("churn_model-1.0.0-py3-none-any.whl", dataopsWheel.Name);
        Assert.Equal(4, dataopsImages.Count);
        foreach (var environment in environments.EnumerateObject())
        {
            var release = environment.Value;
            Assert.Equal("1.0.0", release.GetProperty("version").GetString());
            var pipelines = release.GetProperty("pipelines").EnumerateObject().ToList();
            var images = release.GetProperty("images").EnumerateObject().ToList();
            var wheel = Assert.Single(release.GetProperty("wheels").EnumerateObject());
            Assert.Matches("^projects/acme-dataops/locations/europe-west4/pipelineJobs/churn-training-[0-9]{14}$", release.GetProperty("trainingRun").GetString());
            Assert.Equal(dataopsWheel.Value.GetString(), wheel.Value.GetString());
            Assert.All(images, i => Assert.StartsWith($"127.0.0.1:", i.Name, StringComparison.Ordinal));
            Assert.All(images, i => Assert.Contains($"/acme-{environment.Name}/components/", i.Name, StringComparison.Ordinal));
            Assert.All(images, i => Assert.Contains(i.Value.GetString()!, dataopsImages));
            Assert.Equal(environment.Name == "dataops" ? ["churn-prediction", "churn-training"] : ["churn-prediction"], pipelines.Select(p => p.Name).Order());
            foreach (var entry in pipelines.Concat(images).Append(wheel))
            {
                Assert.Matches("^sha256:[0-9a-f]{64}$", entry.Value.GetString());
                Assert.True(stored.Contains(entry.Value.GetString()!), $"{environment.Name}: {entry.Name} {entry.Value} is not the sha256 of any file the services stored");
            }
        }
    }
}
