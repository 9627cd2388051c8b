using Mlops.Diagnostics;

namespace Mlops.Environments.Tests;

public sealed class EnvironmentsFileTests
{
    [Fact]
    public void The_issue_s_file_is_read_with_every_value_in_file_order()
    {
        var file = EnvironmentsFile.Parse(SampleFiles.Issue, SampleFiles.Path);

        Assert.Equal(SampleFiles.Path, file.Path);
        Assert.Equal(["dataops", "dev", "staging", "prod"], file.Environments.Select(e => e.Name));
        var dataops = file.Get("dataops");
        Assert.Equal("acme-dataops", dataops.Project);
        Assert.Equal("europe-west4", dataops.Region);
        Assert.True(dataops.Training);
        Assert.Null(dataops.PromotesFrom);
        Assert.Equal("europe-west4-docker.pkg.dev/acme-dataops/components", dataops.Registries.Images);
        Assert.False(dataops.Registries.ImagesOverPlainHttp);
        Assert.Equal(new Uri("https://europe-west4-kfp.pkg.dev/acme-dataops/pipelines"), dataops.Registries.Pipelines);
        Assert.Equal(new Uri("https://europe-west4-python.pkg.dev/acme-dataops/models/"), dataops.Registries.Python);
        Assert.Null(dataops.Registries.NuGet);
        Assert.Equal(EnvironmentRunner.Vertex, dataops.Runner!.Kind);
        Assert.Equal("gs://acme-dataops-pipelines/root", dataops.Runner.PipelineRoot);
        Assert.Equal("pipelines@acme-dataops.iam.gserviceaccount.com", dataops.Runner.ServiceAccount);
        Assert.Equal(new SourceLocation(SampleFiles.Path, 3, 5), dataops.Location);
        var prod = file.Get("prod");
        Assert.Equal("staging", prod.PromotesFrom);
        Assert.True(prod.RequiresApproval);
        Assert.False(prod.Training);
        Assert.False(file.Get("staging").RequiresApproval);
    }

    [Fact]
    public void The_added_keys_are_read()
    {
        const string json = """
            {
              "$schema": "./mlops.environments.schema.json",
              "environments": {
                "dataops": {
                  "description": "trains",
                  "training": true,
                  "impersonate": "publisher@acme.iam.gserviceaccount.com",
                  "registries": {
                    "images": "http://localhost:5055/components",
                    "pipelines": "http://127.0.0.1:5056/pipelines",
                    "python": "http://127.0.0.1:5057/simple/",
                    "nuget": "https://nuget.example.com/v3/index.json"
                  },
                  "runner": {
                    "kind": "kfp", "endpoint": "http://127.0.0.1:8888", "network": "projects/1/global/networks/n",
                    "encryptionKey": "projects/p/locations/l/keyRings/r/cryptoKeys/k", "labels": { "team": "churn" }
                  }
                }
              }
            }
            """;

        var dataops = EnvironmentsFile.Parse(json, SampleFiles.Path).Get("dataops");

        Assert.Equal("localhost:5055/components", dataops.Registries.Images);
        Assert.True(dataops.Registries.ImagesOverPlainHttp);
        Assert.Equal("https://nuget.example.com/v3/index.json", dataops.Registries.NuGet);
        Assert.Equal("publisher@acme.iam.gserviceaccount.com", dataops.Impersonate);
        var runner = dataops.Runner!;
        Assert.Equal(EnvironmentRunner.Kfp, runner.Kind);
        Assert.Equal(new Uri("http://127.0.0.1:8888"), runner.Endpoint);
        Assert.Equal("projects/1/global/networks/n", runner.Network);
        Assert.Equal("projects/p/locations/l/keyRings/r/cryptoKeys/k", runner.EncryptionKey);
        Assert.Equal("churn", runner.Labels["team"]);
    }

    [Fact]
    public void An_unknown_environment_lists_the_known_ones_and_local_at_the_file()
    {
        var file = EnvironmentsFile.Parse(SampleFiles.Issue, SampleFiles.Path);

        var error = Assert.Throws<EnvironmentsFileException>(() => file.Get("stagign"));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(ErrorCodes.Environments.UnknownEnvironment, diagnostic.Code);
        Assert.Equal(SampleFiles.Path, diagnostic.Location!.File);
        Assert.Contains("Did you mean 'staging'?", diagnostic.Message);
        Assert.Contains("'dataops', 'dev', 'staging', 'prod', 'local' (built in)", diagnostic.Message);
    }

    [Fact]
    public void Load_reads_the_file_and_reports_a_missing_one_by_its_path()
    {
        using var folder = new TempFolder();
        var path = folder.File(EnvironmentsFile.FileName);
        File.WriteAllText(path, SampleFiles.Minimal);

        Assert.Equal("dataops", Assert.Single(EnvironmentsFile.Load(path).Environments).Name);
        var missing = Assert.Throws<EnvironmentsFileException>(() => EnvironmentsFile.Load(folder.File("other.json")));
        Assert.Equal(ErrorCodes.Environments.FileNotFound, missing.Code);
        Assert.Contains(folder.File("other.json"), missing.Message);
    }

    [Fact]
    public void A_byte_order_mark_does_not_shift_columns()
    {
        var error = Assert.Throws<EnvironmentsFileException>(() => EnvironmentsFile.Parse("\uFEFF{\"environmentz\": {}}", SampleFiles.Path));

        var unknown = error.Diagnostics.Single(d => d.Code == ErrorCodes.Environments.UnknownKey);
        Assert.Equal(new SourceLocation(SampleFiles.Path, 1, 2), unknown.Location);
    }
}
