using Mlops.Sdk.IntegrationTests.Infrastructure;

namespace Mlops.Sdk.IntegrationTests;

/// <summary>`dotnet run -- run NAME` in a scaffolded repository runs its compiled training pipeline on the local runner.</summary>
[Collection(ScaffoldedRepositoryCollection.Name)]
public sealed class LocalRunTests(ScaffoldedRepositoryFixture repository, ITestOutputHelper output)
{
    [Fact]
    public async Task The_training_pipeline_runs_locally_and_a_second_run_reuses_its_steps()
    {
        var home = TestRun.NewDirectory("mlops-home");
        var environment = new Dictionary<string, string> { ["MLOPS_HOME"] = home };
        var training = await TrainingPipeline(environment);

        var first = (await TestRun.Dotnet.RunAsync(repository.Directory, ["run", "--no-build", "--", "run", training], output.WriteLine, environment)).EnsureSuccess();
        var second = (await TestRun.Dotnet.RunAsync(repository.Directory, ["run", "--no-build", "--", "run", training], output.WriteLine, environment)).EnsureSuccess();

        Assert.Contains("succeeded  prepare", first.Output);
        Assert.Contains("succeeded  train", first.Output);
        Assert.Matches(@"Run \S+ succeeded", first.Output);
        Assert.Contains("cached     prepare", second.Output);
        var runs = Directory.GetDirectories(Path.Combine(home, "runs", training)).Where(d => File.Exists(Path.Combine(d, "run.json"))).ToList();
        Assert.Equal(2, runs.Count);
        Assert.True(File.Exists(Path.Combine(home, "runs", training, "latest")));
    }

    [Fact]
    public async Task An_unknown_parameter_is_refused_with_its_code_and_the_known_ones()
    {
        var environment = new Dictionary<string, string> { ["MLOPS_HOME"] = TestRun.NewDirectory("mlops-home") };
        var training = await TrainingPipeline(environment);

        var result = await TestRun.Dotnet.RunAsync(repository.Directory, ["run", "--no-build", "--", "run", training, "--param", "tabel=x"], output.WriteLine, environment);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error MLOPS2001", result.Output);
        Assert.Contains("'table'", result.Output);
    }

    private async Task<string> TrainingPipeline(IReadOnlyDictionary<string, string> environment)
    {
        var list = (await TestRun.Dotnet.RunAsync(repository.Directory, ["run", "--no-build", "--", "list"], output.WriteLine, environment)).EnsureSuccess();
        return list.Output.Split('\n').Select(l => l.Split('\t')[0].Trim()).Single(n => n.EndsWith("-training", StringComparison.Ordinal));
    }
}
