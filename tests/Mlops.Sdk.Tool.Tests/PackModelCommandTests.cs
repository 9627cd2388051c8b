using System.IO.Compression;
using System.Security.Cryptography;
using Mlops.Sdk.Tool.Tests.Support;

namespace Mlops.Sdk.Tool.Tests;

/// <summary>pack-model, what dotnet pack runs: a trained model as a Python wheel and a NuGet package.</summary>
public sealed class PackModelCommandTests : IDisposable
{
    private readonly TeamProject project = new();

    [Fact]
    public async Task The_model_of_the_latest_training_run_is_packed_as_a_wheel_and_a_NuGet_package_that_carry_it()
    {
        project.RecordTrainingRun("an older model");
        var (runId, model) = project.RecordTrainingRun("a pickled model");
        var output = project.File("bin", "Release");

        var result = await SdkTool.RunAsync("pack-model", "--pipelines", project.Pipelines, "--from", "latest", "--output", output,
            "--package-id", "Team.Model", "--version", "1.2.0", "--commit", "abc123", "--home", project.Home);

        Assert.True(result.ExitCode == 0, result.ToString());
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(model)));
        Assert.Contains($"Model of run {runId} of team-training (sha256 {sha256})", result.Output);
        Assert.Equal(["Team.Model.1.2.0.nupkg", "team_model-1.2.0-py3-none-any.whl"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var package in Directory.GetFiles(output))
        {
            using var zip = ZipFile.OpenRead(package);
            Assert.Contains(zip.Entries, e => e.Name == "model.pkl" && new StreamReader(e.Open()).ReadToEnd() == "a pickled model");
        }
    }

    [Fact]
    public async Task The_latest_model_of_a_project_never_trained_is_MLOPS2021_which_says_how_to_train()
    {
        var result = await SdkTool.RunAsync("pack-model", "--pipelines", project.Pipelines, "--output", project.File("out"),
            "--package-id", "Team.Model", "--version", "1.2.0", "--home", project.Home);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error MLOPS2021: There is no succeeded run of 'team-training'", result.Output);
        Assert.Contains("dotnet run -- run team-training", result.Output);
        Assert.False(Directory.Exists(project.File("out")) && Directory.EnumerateFiles(project.File("out")).Any());
    }

    [Fact]
    public async Task A_model_file_is_packed_with_the_training_pipeline_and_the_file_as_its_lineage()
    {
        var model = project.File("models", "churn.pkl");
        Directory.CreateDirectory(Path.GetDirectoryName(model)!);
        File.WriteAllText(model, "a model trained elsewhere");
        var output = project.File("bin", "Release");

        var result = await SdkTool.RunAsync("pack-model", "--pipelines", project.Pipelines, "--from", model, "--output", output,
            "--package-id", "Team.Model", "--version", "1.2.0", "--home", project.Home);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var wheel = ZipFile.OpenRead(Path.Combine(output, "team_model-1.2.0-py3-none-any.whl"));
        var card = wheel.Entries.Single(e => e.Name == "model_card.json");
        var text = new StreamReader(card.Open()).ReadToEnd();
        Assert.Contains("\"pipeline_name\": \"team-training\"", text);
        Assert.Contains("\"run_id\": \"file:churn.pkl\"", text);
    }

    public void Dispose() => project.Dispose();
}
