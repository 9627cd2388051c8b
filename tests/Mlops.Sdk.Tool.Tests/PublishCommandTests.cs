using Mlops.Sdk.Tool.Tests.Support;

namespace Mlops.Sdk.Tool.Tests;

/// <summary>publish, what dotnet publish -p:Environment=NAME runs: a release into an environment's registries, once per version.</summary>
public sealed class PublishCommandTests : IDisposable
{
    private readonly TeamProject project = new();

    [Fact]
    public async Task Publishing_to_local_tags_each_pipeline_with_the_version_and_latest_and_keeps_the_component_folder()
    {
        var result = await SdkTool.RunAsync(project.Publish());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Publishing 1.0.0 to the local environment", result.Output);
        foreach (var pipeline in new[] { "team-training", "team-report" })
        {
            var tags = Path.Combine(project.Registries, "kfp", pipeline, "tags");
            Assert.Equal(["1.0.0", "latest"], Directory.GetFiles(tags).Select(Path.GetFileName).Order());
            var digest = File.ReadAllText(Path.Combine(tags, "1.0.0")).Trim();
            Assert.Equal(digest, File.ReadAllText(Path.Combine(tags, "latest")).Trim());
            var version = Assert.Single(Directory.GetFiles(Path.Combine(project.Registries, "kfp", pipeline, "versions")));
            Assert.Equal(File.ReadAllText(Path.Combine(project.Pipelines, pipeline + ".yaml")), File.ReadAllText(version));
            Assert.Contains($"pipeline {pipeline} 1.0.0 ({digest})", result.Output);
        }
        var component = Path.Combine(project.Registries, "components", Uri.EscapeDataString("localhost/team/prepare:1.0.0"));
        Assert.Equal("print('prepare')\n", File.ReadAllText(Path.Combine(component, "prepare.py")));
        // team-training has a Model output but was never trained here: the release goes out without a model, and says so.
        Assert.Contains("warning MLOPS2025: no model is published", result.Output);
    }

    [Fact]
    public async Task Publishing_the_same_version_again_with_other_content_fails_with_MLOPS3001_and_changes_nothing()
    {
        Assert.Equal(0, (await SdkTool.RunAsync(project.Publish())).ExitCode);
        var published = project.RegistryFiles();
        project.Emit("build-2");

        var result = await SdkTool.RunAsync(project.Publish());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error MLOPS3001: Version 1.0.0 is immutable and pipeline team-report 1.0.0 is already published with other content", result.Output);
        Assert.Contains("nothing was published", result.Output);
        Assert.Equal(published, project.RegistryFiles());
    }

    [Fact]
    public async Task Publishing_the_same_content_again_changes_nothing_and_succeeds()
    {
        Assert.Equal(0, (await SdkTool.RunAsync(project.Publish())).ExitCode);
        var published = project.RegistryFiles();

        var result = await SdkTool.RunAsync(project.Publish());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(published, project.RegistryFiles());
    }

    [Fact]
    public async Task A_changed_component_folder_under_a_published_version_fails_with_MLOPS3001()
    {
        Assert.Equal(0, (await SdkTool.RunAsync(project.Publish())).ExitCode);
        var published = project.RegistryFiles();
        project.Write("components/prepare/prepare.py", "print('prepare, better')\n");

        var result = await SdkTool.RunAsync(project.Publish());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error MLOPS3001", result.Output);
        Assert.Contains("component localhost/team/prepare:1.0.0 is already published with other files", result.Output);
        Assert.Equal(published, project.RegistryFiles());
    }

    [Fact]
    public async Task A_trained_project_publishes_its_model_packages_before_its_pipelines()
    {
        project.RecordTrainingRun("a pickled model");

        var result = await SdkTool.RunAsync(project.Publish());

        Assert.True(result.ExitCode == 0, result.ToString());
        // NuGet's feed layout names packages in lower case.
        var anyCase = new EnumerationOptions { RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseInsensitive };
        Assert.Single(Directory.GetFiles(Path.Combine(project.Registries, "nuget"), "Team.Model.1.0.0.nupkg", anyCase));
        Assert.Single(Directory.GetFiles(Path.Combine(project.Registries, "pypi"), "team_model-1.0.0-py3-none-any.whl", anyCase));
        Assert.True(result.Output.IndexOf("  model    team_model-1.0.0", StringComparison.Ordinal) < result.Output.IndexOf("  pipeline ", StringComparison.Ordinal), result.Output);
    }

    [Fact]
    public async Task Without_compiled_pipelines_publish_is_MLOPS2033()
    {
        Directory.Delete(project.Pipelines, recursive: true);

        var result = await SdkTool.RunAsync(project.Publish());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error MLOPS2033", result.Output);
    }

    [Fact]
    public async Task The_release_file_records_the_digests_of_what_the_registry_stored_and_keeps_other_environments()
    {
        var record = project.File("publish", "release.json");
        Directory.CreateDirectory(Path.GetDirectoryName(record)!);
        File.WriteAllText(record, """{"environments": {"staging": {"version": "0.9.0", "pipelines": {}, "images": {}, "wheels": {}}}}""");

        var result = await SdkTool.RunAsync(project.Publish(more: ["--release-file", record]));

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(record));
        var environments = json.RootElement.GetProperty("environments");
        Assert.Equal("0.9.0", environments.GetProperty("staging").GetProperty("version").GetString());
        var local = environments.GetProperty("local");
        Assert.Equal("1.0.0", local.GetProperty("version").GetString());
        foreach (var pipeline in new[] { "team-training", "team-report" })
        {
            var stored = Assert.Single(Directory.GetFiles(Path.Combine(project.Registries, "kfp", pipeline, "versions")));
            var sha256 = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(stored)));
            Assert.Equal(sha256, local.GetProperty("pipelines").GetProperty(pipeline).GetString());
        }
        Assert.Matches("^sha256:[0-9a-f]{64}$", local.GetProperty("images").GetProperty("localhost/team/prepare").GetString());
    }

    [Fact]
    public async Task An_environment_that_is_not_built_in_without_an_environments_file_is_MLOPS2030_saying_where_to_define_it()
    {
        var result = await SdkTool.RunAsync(project.Publish("dataops"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error MLOPS2030: Environment 'dataops' is not built in", result.Output);
        Assert.Contains("MlopsEnvironmentsFile", result.Output);
        Assert.Empty(project.RegistryFiles());
    }

    [Fact]
    public async Task An_environment_missing_from_the_environments_file_is_reported_at_the_file_with_the_known_names()
    {
        var file = project.File("mlops.environments.json");
        File.WriteAllText(file, """
            {
              "environments": {
                "dataops": {
                  "training": true,
                  "registries": {
                    "images": "europe-west4-docker.pkg.dev/acme-dataops/components",
                    "pipelines": "https://europe-west4-kfp.pkg.dev/acme-dataops/pipelines",
                    "python": "https://europe-west4-python.pkg.dev/acme-dataops/models/"
                  }
                }
              }
            }
            """);

        var result = await SdkTool.RunAsync(project.Publish("datops", more: ["--environments-file", file]));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{file}", result.Output);
        Assert.Contains("Did you mean 'dataops'?", result.Output);
        Assert.Empty(project.RegistryFiles());
    }

    public void Dispose() => project.Dispose();
}
