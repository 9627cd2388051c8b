using Mlops.Sdk.IntegrationTests.Infrastructure;

namespace Mlops.Sdk.IntegrationTests;

/// <summary>samples/CustomerScoring composes samples/Churn and samples/Ltv, published to one local environment.</summary>
public sealed class AggregatorSampleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_aggregator_sample_pins_and_composes_both_teams_it_references()
    {
        PackedPackages.EnsureFresh();
        var root = TestRun.NewDirectory("aggregator-sample");
        var environment = new Dictionary<string, string> { ["MLOPS_HOME"] = Path.Combine(root, "mlops-home") };
        foreach (var team in new[] { ("Churn", "churn-training"), ("Ltv", "ltv-training") })
        {
            var copy = Copy(team.Item1, root);
            (await TestRun.Dotnet.BuildAsync(copy, output.WriteLine)).EnsureSuccess();
            (await TestRun.Dotnet.RunAsync(copy, ["run", "--no-build", "--", "run", team.Item2], output.WriteLine, environment)).EnsureSuccess();
            (await TestRun.Dotnet.RunAsync(copy, ["publish", "-nologo", "-p:Environment=local"], output.WriteLine, environment)).EnsureSuccess();
        }
        var aggregator = Copy("CustomerScoring", root);

        (await TestRun.Dotnet.RunAsync(aggregator, ["build", "-nologo"], output.WriteLine, environment)).EnsureSuccess();

        var locked = File.ReadAllText(Path.Combine(aggregator, "mlops.lock.json"));
        Assert.Contains("\"resolved\": \"1.4.0\"", locked);
        Assert.Contains("\"resolved\": \"2.1.0\"", locked);
        var composed = File.ReadAllText(Path.Combine(aggregator, "bin", "Debug", "net10.0", "pipelines", "customer-scoring.yaml"));
        Assert.Contains("comp-churn-prediction:", composed);
        Assert.Contains("comp-ltv-prediction:", composed);
        Assert.Contains("image: europe-docker.pkg.dev/dataops-hub/churn/predict:1.4.0", composed);
    }

    private static string Copy(string sample, string root)
    {
        var copy = SourceTree.Copy(Path.Combine(Repository.Root, "samples", sample), Path.Combine(root, sample));
        var config = Path.Combine(copy, "nuget.config");
        File.WriteAllText(config, File.ReadAllText(config).Replace("../../artifacts/packages", RepositoryLayout.PackagesDirectory, StringComparison.Ordinal));
        return copy;
    }
}
