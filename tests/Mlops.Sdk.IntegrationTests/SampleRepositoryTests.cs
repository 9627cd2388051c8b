using Mlops.Sdk.IntegrationTests.Infrastructure;

namespace Mlops.Sdk.IntegrationTests;

/// <summary>samples/Churn, a team repository grown from the template, builds and its tests pass.</summary>
public sealed class SampleRepositoryTests(ITestOutputHelper output)
{
    private static readonly string Sample = Path.Combine(RepositoryLayout.Root, "samples", "Churn");

    [Fact]
    public void Sample_pins_the_sdk_version_of_this_repository() =>
        Assert.True(File.ReadAllText(Path.Combine(Sample, "global.json")).Contains($"\"Mlops.Sdk\": \"{RepositoryLayout.Version}\"", StringComparison.Ordinal),
            $"samples/Churn/global.json must pin Mlops.Sdk {RepositoryLayout.Version} (eng/Versions.props): update its msbuild-sdks entry.");

    [Fact]
    public async Task Sample_builds_to_IR_and_its_tests_pass()
    {
        PackedPackages.EnsureFresh();
        var copy = SourceTree.Copy(Sample, Path.Combine(TestRun.NewDirectory("sample"), "Churn"));
        // The sample's nuget.config points at ../../artifacts/packages, relative to its place in this repository.
        var config = Path.Combine(copy, "nuget.config");
        File.WriteAllText(config, File.ReadAllText(config).Replace("../../artifacts/packages", RepositoryLayout.PackagesDirectory, StringComparison.Ordinal));

        (await Dotnet.BuildAsync(copy, output.WriteLine)).EnsureSuccess();

        var pipelines = Path.Combine(copy, "bin", "Debug", "net10.0", "pipelines");
        var training = File.ReadAllText(Path.Combine(pipelines, "churn-training.yaml"));
        Assert.Contains("schemaVersion: 2.1.0", training);
        Assert.Contains("image: europe-docker.pkg.dev/dataops-hub/churn/train:1.4.0", training);
        var prediction = File.ReadAllText(Path.Combine(pipelines, "churn-prediction.yaml"));
        Assert.Contains("parallelismLimit: 2", prediction);

        var test = (await Dotnet.RunAsync(copy, ["test"], output.WriteLine)).EnsureSuccess();
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+[1-9].*Churn\.Tests\.dll", test.Output);
    }
}
