using Mlops.Sdk.IntegrationTests.Infrastructure;

namespace Mlops.Sdk.IntegrationTests;

/// <summary>The sample team repositories (samples/Churn grown from the template, samples/Ltv) build and their tests pass.</summary>
public sealed class SampleRepositoryTests(ITestOutputHelper output)
{
    private static readonly string Sample = Path.Combine(Repository.Root, "samples", "Churn");

    [Theory]
    [InlineData("Churn")]
    [InlineData("Ltv")]
    public void Sample_pins_the_sdk_version_of_this_repository(string sample) =>
        Assert.True(File.ReadAllText(Path.Combine(Repository.Root, "samples", sample, "global.json")).Contains($"\"Mlops.Sdk\": \"{RepositoryLayout.Version}\"", StringComparison.Ordinal),
            $"samples/{sample}/global.json must pin Mlops.Sdk {RepositoryLayout.Version} (eng/Versions.props): update its msbuild-sdks entry.");

    [Fact]
    public async Task Sample_builds_to_IR_and_its_tests_pass()
    {
        PackedPackages.EnsureFresh();
        var copy = SourceTree.Copy(Sample, Path.Combine(TestRun.NewDirectory("sample"), "Churn"));
        // The sample's nuget.config points at ../../artifacts/packages, relative to its place in this repository.
        var config = Path.Combine(copy, "nuget.config");
        File.WriteAllText(config, File.ReadAllText(config).Replace("../../artifacts/packages", RepositoryLayout.PackagesDirectory, StringComparison.Ordinal));

        (await TestRun.Dotnet.BuildAsync(copy, output.WriteLine)).EnsureSuccess();

        var pipelines = Path.Combine(copy, "bin", "Debug", "net10.0", "pipelines");
        var training = File.ReadAllText(Path.Combine(pipelines, "churn-training.yaml"));
        Assert.Contains("schemaVersion: 2.1.0", training);
        Assert.Contains("image: europe-docker.pkg.dev/dataops-hub/churn/train:1.4.0", training);
        var scoring = File.ReadAllText(Path.Combine(pipelines, "churn-batch-scoring.yaml"));
        Assert.Contains("parallelismLimit: 2", scoring);

        var test = (await TestRun.Dotnet.RunAsync(copy, ["test"], output.WriteLine)).EnsureSuccess();
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+[1-9].*Churn\.Tests\.dll", test.Output);

        // And it runs end to end on the local environment: train, pack the model, publish.
        var environment = new Dictionary<string, string> { ["MLOPS_HOME"] = TestRun.NewDirectory("mlops-home") };
        var run = (await TestRun.Dotnet.RunAsync(copy, ["run", "--no-build", "--", "run", "churn-training"], output.WriteLine, environment)).EnsureSuccess();
        var publish = (await TestRun.Dotnet.RunAsync(copy, ["publish", "-nologo", "-p:Environment=local"], output.WriteLine, environment)).EnsureSuccess();
        Assert.Matches(@"Run \S+ succeeded", run.Output);
        Assert.Contains("pipeline churn-prediction 1.4.0", publish.Output);
        Assert.Contains("churn_model-1.4.0-py3-none-any.whl", publish.Output);
    }

    [Fact]
    public async Task The_second_team_builds_its_tests_pass_and_it_trains_locally()
    {
        PackedPackages.EnsureFresh();
        var copy = SourceTree.Copy(Path.Combine(Repository.Root, "samples", "Ltv"), Path.Combine(TestRun.NewDirectory("sample"), "Ltv"));
        var config = Path.Combine(copy, "nuget.config");
        File.WriteAllText(config, File.ReadAllText(config).Replace("../../artifacts/packages", RepositoryLayout.PackagesDirectory, StringComparison.Ordinal));
        var environment = new Dictionary<string, string> { ["MLOPS_HOME"] = TestRun.NewDirectory("mlops-home") };

        (await TestRun.Dotnet.BuildAsync(copy, output.WriteLine)).EnsureSuccess();
        var test = (await TestRun.Dotnet.RunAsync(copy, ["test"], output.WriteLine)).EnsureSuccess();
        var run = (await TestRun.Dotnet.RunAsync(copy, ["run", "--no-build", "--", "run", "ltv-training"], output.WriteLine, environment)).EnsureSuccess();

        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+[1-9].*Ltv\.Tests\.dll", test.Output);
        Assert.Matches(@"output mae = \d", run.Output);
    }
}
