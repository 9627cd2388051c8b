using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mlops.Sdk.Tool.Tests.Support;
using Xunit.Abstractions;

namespace Mlops.Sdk.Tool.Tests;

/// <summary>
/// The model of a remote run: the training pipeline submitted to a Vertex AI contract server, followed to its end,
/// then pack-model with --from the job's resource name reads the run's Model artifact from Cloud Storage (the
/// contract server, through Google.Cloud.Storage.V1) and packs it; the card names the job and the template digest.
/// </summary>
public sealed partial class RemoteModelTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_model_trained_on_vertex_is_packed_from_its_job_and_the_card_names_the_job_and_template()
    {
        await using var environments = await RemoteEnvironments.StartAsync(output);
        if (environments is null)
        {
            return;
        }
        var digests = await environments.PublishAsync("vertexops", "1.0.0");

        var submitted = await SdkTool.RunAsync(environments.Submit("team-training", "vertexops", "--wait"));

        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        var job = JobName().Match(submitted.Output).Value;
        Assert.StartsWith("projects/acme-vertexops/locations/europe-west4/pipelineJobs/team-training-", job);
        var create = Assert.Single(environments.Vertex.Bodies, b => b.PathAndQuery.Contains("pipelineJobs?pipelineJobId=", StringComparison.Ordinal)).Body;
        Assert.EndsWith("/team-training/" + digests["team-training"], create["templateUri"]!.GetValue<string>());
        Assert.Equal("1-0-0", create["labels"]!["mlops-version"]!.GetValue<string>());

        var packages = Path.Combine(Path.GetTempPath(), $"mlops-remote-{Guid.NewGuid():N}");
        try
        {
            var packed = await SdkTool.RunAsync("pack-model", "--from", job, "--pipelines", environments.Pipelines, "--output", packages,
                "--package-id", "Team.Model", "--version", "1.0.0", "--environments-file", environments.EnvironmentsFile, "--work", Path.Combine(packages, "work"));

            Assert.True(packed.ExitCode == 0, packed.ToString());
            Assert.Contains($"run {job}", packed.Output);
            var wheel = Assert.Single(Directory.GetFiles(packages, "*.whl"));
            using var archive = ZipFile.OpenRead(wheel);
            var cardEntry = Assert.Single(archive.Entries, e => e.Name == "model_card.json");
            using var reader = new StreamReader(cardEntry.Open());
            var card = JsonNode.Parse(await reader.ReadToEndAsync())!;
            Assert.Equal(job, card["run_id"]!.GetValue<string>());
            Assert.Equal(digests["team-training"], card["template_digest"]!.GetValue<string>());
            Assert.StartsWith("gs://acme-vertexops/root/", card["model_uri"]!.GetValue<string>());
        }
        finally
        {
            if (Directory.Exists(packages))
            {
                Directory.Delete(packages, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_job_that_failed_is_not_packed()
    {
        await using var environments = await RemoteEnvironments.StartAsync(output);
        if (environments is null)
        {
            return;
        }
        await environments.PublishAsync("vertexops", "1.0.0");
        environments.Vertex.FailTask(new Mlops.ContractServers.Vertex.TaskFailure("train", 3));

        var submitted = await SdkTool.RunAsync(environments.Submit("team-training", "vertexops", "--wait"));

        Assert.Equal(1, submitted.ExitCode);
        Assert.Contains("error MLOPS6083", submitted.Output);
        Assert.Contains("exit code 3", submitted.Output);
        var job = JobName().Match(submitted.Output).Value;
        var packed = await SdkTool.RunAsync("pack-model", "--from", job, "--pipelines", environments.Pipelines, "--output", Path.Combine(Path.GetTempPath(), "never"),
            "--package-id", "Team.Model", "--version", "1.0.0", "--environments-file", environments.EnvironmentsFile);
        Assert.Equal(1, packed.ExitCode);
        Assert.Contains("error MLOPS6071", packed.Output);
        Assert.Contains("pack the model of a run that succeeded", packed.Output);
    }

    [Fact]
    public async Task A_model_trained_on_a_kfp_backend_is_packed_from_its_run_id_out_of_the_training_tasks_folder()
    {
        await using var environments = await RemoteEnvironments.StartAsync(output);
        if (environments is null)
        {
            return;
        }
        var digests = await environments.PublishAsync("kfpops", "1.0.0");

        var submitted = await SdkTool.RunAsync(environments.Submit("team-training", "kfpops", "--wait"));

        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        var runId = Assert.Single(environments.Backend.Runs)["run_id"]!.GetValue<string>();
        var packages = Path.Combine(Path.GetTempPath(), $"mlops-remote-{Guid.NewGuid():N}");
        try
        {
            string[] pack = ["pack-model", "--from", runId, "--pipelines", environments.Pipelines, "--output", packages,
                "--package-id", "Team.Model", "--version", "1.0.0", "--environments-file", environments.EnvironmentsFile, "--work", Path.Combine(packages, "work")];

            // dataops runs on the same KFP backend: which environment a bare run id ran in must be said.
            var ambiguous = await SdkTool.RunAsync(pack);
            Assert.Equal(1, ambiguous.ExitCode);
            Assert.Contains("error MLOPS6087", ambiguous.Output);

            var packed = await SdkTool.RunAsync([.. pack, "--environment", "kfpops"]);

            Assert.True(packed.ExitCode == 0, packed.ToString());
            var wheel = Assert.Single(Directory.GetFiles(packages, "*.whl"));
            using var archive = ZipFile.OpenRead(wheel);
            var modelEntry = Assert.Single(archive.Entries, e => e.Name == "model");
            using (var model = new StreamReader(modelEntry.Open()))
            {
                Assert.Equal("the model artifact of task train", await model.ReadToEndAsync());
            }
            using var reader = new StreamReader(Assert.Single(archive.Entries, e => e.Name == "model_card.json").Open());
            var card = JsonNode.Parse(await reader.ReadToEndAsync())!;
            Assert.Equal(runId, card["run_id"]!.GetValue<string>());
            Assert.Equal(digests["team-training"], card["template_digest"]!.GetValue<string>());
            Assert.Matches($"^gs://acme-kfpops/root/team-training/{runId}/train/[0-9a-f-]{{36}}/model$", card["model_uri"]!.GetValue<string>());
        }
        finally
        {
            if (Directory.Exists(packages))
            {
                Directory.Delete(packages, recursive: true);
            }
        }
    }

    [GeneratedRegex(@"projects/[^\s:]+/pipelineJobs/[a-z0-9-]+")]
    private static partial Regex JobName();
}
