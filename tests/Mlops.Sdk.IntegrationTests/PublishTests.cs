using Mlops.Sdk.IntegrationTests.Infrastructure;

namespace Mlops.Sdk.IntegrationTests;

/// <summary>dotnet pack and dotnet publish -p:Environment=local in a scaffolded repository.</summary>
[Collection(ScaffoldedRepositoryCollection.Name)]
public sealed class PublishTests(ScaffoldedRepositoryFixture repository, ITestOutputHelper output)
{
    [Fact]
    public async Task A_version_is_published_once_republished_as_a_no_op_and_never_overwritten()
    {
        var home = TestRun.NewDirectory("mlops-home");
        var environment = new Dictionary<string, string> { ["MLOPS_HOME"] = home };
        var training = (await TestRun.Dotnet.RunAsync(repository.Directory, ["run", "--no-build", "--", "list"], output.WriteLine, environment))
            .EnsureSuccess().Output.Split('\n').Select(l => l.Split('\t')[0].Trim()).Single(n => n.EndsWith("-training", StringComparison.Ordinal));
        (await TestRun.Dotnet.RunAsync(repository.Directory, ["run", "--no-build", "--", "run", training], output.WriteLine, environment)).EnsureSuccess();

        var pack = (await TestRun.Dotnet.RunAsync(repository.Directory, ["pack", "-nologo"], output.WriteLine, environment)).EnsureSuccess();
        var first = (await TestRun.Dotnet.RunAsync(repository.Directory, ["publish", "-nologo", "-p:Environment=local"], output.WriteLine, environment)).EnsureSuccess();
        var tag = Path.Combine(home, "registries", "kfp", training, "tags", "1.0.0");
        var published = File.ReadAllText(tag);
        var again = (await TestRun.Dotnet.RunAsync(repository.Directory, ["publish", "-nologo", "-p:Environment=local"], output.WriteLine, environment)).EnsureSuccess();

        Assert.Contains(".whl", pack.Output);
        Assert.Contains("Publishing 1.0.0 to the local environment", first.Output);
        Assert.Contains($"pipeline {training} 1.0.0", again.Output);
        Assert.Equal(published, File.ReadAllText(tag));
        Assert.Single(Directory.GetFiles(Path.Combine(home, "registries", "kfp", training, "versions")));

        // A new training run makes another model: the same version cannot take it.
        (await TestRun.Dotnet.RunAsync(repository.Directory, ["run", "--no-build", "--", "run", training, "--no-cache"], output.WriteLine, environment)).EnsureSuccess();
        var conflict = await TestRun.Dotnet.RunAsync(repository.Directory, ["publish", "-nologo", "-p:Environment=local"], output.WriteLine, environment);

        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("error MLOPS3001", conflict.Output);
        Assert.Contains("nothing was published", conflict.Output);
        Assert.Equal(published, File.ReadAllText(tag));
    }

    [Fact]
    public async Task Publishing_without_an_environment_says_how_to_name_one()
    {
        var result = await TestRun.Dotnet.RunAsync(repository.Directory, ["publish", "-nologo"], output.WriteLine,
            new Dictionary<string, string> { ["MLOPS_HOME"] = TestRun.NewDirectory("mlops-home") });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("error MLOPS0030", result.Output);
        Assert.Contains("-p:Environment=local", result.Output);
    }
}
