using Mlops.Sdk.IntegrationTests.Infrastructure;

namespace Mlops.Sdk.IntegrationTests;

/// <summary>`dotnet new mlops-subpipeline`, then build and test it: green right away, IR on disk, incremental.</summary>
[Collection(ScaffoldedRepositoryCollection.Name)]
public sealed class TemplateBuildTests(ScaffoldedRepositoryFixture repository, ITestOutputHelper output)
{
    [Fact]
    public void Build_writes_one_IR_file_per_pipeline()
    {
        var files = Directory.GetFiles(repository.PipelinesDirectory, "*.yaml").Select(Path.GetFileName).Order();
        Assert.Equal(["fraud-prediction.yaml", "fraud-training.yaml"], files);

        var training = File.ReadAllText(Path.Combine(repository.PipelinesDirectory, "fraud-training.yaml"));
        Assert.Contains("schemaVersion: 2.1.0", training);
        Assert.Contains("name: fraud-training", training);
        foreach (var task in new[] { "prepare", "train", "evaluate", "register" })
        {
            Assert.Matches($@"(?m)^\s+taskInfo:\s*\n\s+name: {task}$", training);
            Assert.Contains($"image: localhost/fraud/{(task == "evaluate" ? "train" : task)}:1.0.0", training);
        }

        var prediction = File.ReadAllText(Path.Combine(repository.PipelinesDirectory, "fraud-prediction.yaml"));
        Assert.Contains("schemaVersion: 2.1.0", prediction);
        Assert.Contains("image: localhost/fraud/predict:1.0.0", prediction);
        Assert.Contains("Fraud -> " + Path.Combine(repository.PipelinesDirectory, "fraud-training.yaml"), repository.FirstBuild.Output);
    }

    [Fact]
    public async Task Second_build_with_nothing_changed_does_not_run_emit()
    {
        var training = new FileInfo(Path.Combine(repository.PipelinesDirectory, "fraud-training.yaml"));
        var before = training.LastWriteTimeUtc;

        var build = (await TestRun.Dotnet.RunAsync(repository.Directory, ["build", "-tl:false", "-v:d", "-nologo"], output.WriteLine)).EnsureSuccess();

        Assert.Contains("emit skipped", build.Output);
        Assert.DoesNotContain("Task \"EmitPipelines\"", build.Output);
        training.Refresh();
        Assert.Equal(before, training.LastWriteTimeUtc);
    }

    [Fact]
    public async Task Scaffolded_tests_project_passes()
    {
        var test = (await TestRun.Dotnet.RunAsync(repository.Directory, ["test", Path.Combine("tests", "Fraud.Tests")], output.WriteLine)).EnsureSuccess();

        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+[1-9]", test.Output);
    }

    [Fact]
    public async Task Dotnet_test_at_the_root_runs_the_projects_under_tests()
    {
        var test = (await TestRun.Dotnet.RunAsync(repository.Directory, ["test"], output.WriteLine)).EnsureSuccess();

        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+[1-9].*Fraud\.Tests\.dll", test.Output);
    }

    [Fact]
    public void Dotnet_new_pins_the_sdk_and_the_feed_it_was_given()
    {
        Assert.Contains($"\"Mlops.Sdk\": \"{RepositoryLayout.Version}\"", File.ReadAllText(Path.Combine(repository.Directory, "global.json")));
        Assert.Contains($"value=\"{RepositoryLayout.PackagesDirectory}\"", File.ReadAllText(Path.Combine(repository.Directory, "nuget.config")));
        Assert.Contains("<Project Sdk=\"Mlops.Sdk\">", File.ReadAllText(Path.Combine(repository.Directory, "Fraud.csproj")));
    }
}
