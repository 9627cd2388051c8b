using System.Text.Json.Nodes;
using Mlops.Sdk.IntegrationTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Mlops.Sdk.IntegrationTests;

/// <summary>
/// The template's CI workflow as GitHub runs it on a team's first push to main, on this machine: every <c>run:</c>
/// step of the jobs that build and publish to dataops, in a freshly scaffolded repository whose environments file
/// has its dataops values filled in (with loopback services: eng/demo/environments.sh). The <c>uses:</c> steps are
/// GitHub's: checkout and setup-dotnet are what this machine already has, and Google's sign-in is replaced by the
/// services' credentials in docker's config.json. The jobs after dataops follow the environments file's promotion
/// chain, each signed in with workload identity federation.
/// </summary>
public sealed class TemplateWorkflowTests(ITestOutputHelper output)
{
    private static readonly string[] GitHubActions =
        ["actions/checkout@", "actions/setup-dotnet@", "actions/upload-artifact@", "google-github-actions/auth@"];

    [Fact]
    public async Task The_first_push_to_main_builds_tests_and_publishes_to_dataops_once_the_environments_file_is_filled_in()
    {
        PackedPackages.EnsureFresh();
        var root = TestRun.NewDirectory("workflow");
        var hive = Path.Combine(root, "hive");
        (await TestRun.Dotnet.RunAsync(root, ["new", "install", RepositoryLayout.PackagePath("Mlops.Templates"), "--debug:custom-hive", hive], output.WriteLine)).EnsureSuccess();
        (await TestRun.Dotnet.RunAsync(root, ["new", "mlops-subpipeline", "-n", "Churn", "--feed", RepositoryLayout.PackagesDirectory, "--debug:custom-hive", hive], output.WriteLine))
            .EnsureSuccess();
        var repository = Path.Combine(root, "Churn");
        var workflow = Load(Path.Combine(repository, ".github", "workflows", "ci.yml"));
        var jobs = (YamlMappingNode)workflow["jobs"];

        var services = Path.Combine(root, "services");
        var dataops = Path.Combine(Repository.Root, "eng", "demo", "environments.sh");
        // dataops' Vertex AI stand-in runs the steps of the jobs it is given from the repository's component folders.
        var started = await ChildProcess.RunAsync("bash", [dataops, "start", services, Path.Combine(repository, "components")], timeout: TimeSpan.FromMinutes(10));
        try
        {
            if (started.ExitCode != 0)
            {
                MissingPrerequisite.Report(output, $"eng/demo/environments.sh could not start the loopback dataops services: {started}");
                return;
            }
            var loopback = ServicesEnvironment(Path.Combine(services, "env"));
            FillInDataops(Path.Combine(repository, "mlops.environments.json"), loopback);

            var environment = IsolatedEnvironment.Dotnet(TestRun.NuGetPackages);
            foreach (var (name, value) in Scalars(workflow["env"]))
            {
                environment[name] = value;
            }
            environment["CI"] = "true";
            environment["GITHUB_ACTIONS"] = "true";
            environment["MLOPS_HOME"] = Path.Combine(root, "mlops-home");
            environment["DOCKER_HOST"] = loopback["ENVIRONMENTS_DOCKER_HOST"];
            environment["DOCKER_CONFIG"] = loopback["ENVIRONMENTS_DOCKER_CONFIG"];
            // What google-github-actions/auth leaves for the next steps: a credentials file named by GOOGLE_APPLICATION_CREDENTIALS
            // (here a service account's key whose token_uri is the loopback token endpoint); Cloud Storage is the loopback one.
            environment["GOOGLE_APPLICATION_CREDENTIALS"] = loopback["ENVIRONMENTS_GOOGLE_APPLICATION_CREDENTIALS"];
            environment["STORAGE_EMULATOR_HOST"] = loopback["ENVIRONMENTS_STORAGE_EMULATOR_HOST"];
            var log = new List<string>();
            foreach (var job in new[] { "build", "dataops" })
            {
                foreach (var step in Steps(jobs, job))
                {
                    if (step.Uses is { } uses)
                    {
                        Assert.True(GitHubActions.Any(a => uses.StartsWith(a, StringComparison.Ordinal)), $"job {job} uses {uses}, which this test does not know how to stand in for");
                        continue;
                    }
                    var result = await ChildProcess.RunAsync("bash", ["-eo", "pipefail", "-c", step.Run!], repository, environment, TimeSpan.FromMinutes(10));
                    output.WriteLine($"[{job}] {step.Run}\n{result.Output}\n{result.Error}");
                    Assert.True(result.ExitCode == 0, $"job {job}, step `{step.Run}` failed ({result.ExitCode}):\n{result.Output}\n{result.Error}");
                    log.Add(result.Output);
                }
            }

            // The secrets audit of an authenticated publish (issue 11, item 3): the last publish again, with a binary log.
            var binlog = Path.Combine(root, "publish.binlog");
            var lastPublish = Steps(jobs, "dataops").Last(s => s.Run?.StartsWith("dotnet publish", StringComparison.Ordinal) == true).Run!;
            var audited = await ChildProcess.RunAsync("bash", ["-eo", "pipefail", "-c", $"{lastPublish.TrimEnd()} -bl:{binlog}"], repository, environment, TimeSpan.FromMinutes(10));
            Assert.True(audited.ExitCode == 0, $"the audited publish failed ({audited.ExitCode}):\n{audited.Output}\n{audited.Error}");
            log.Add(audited.Output + audited.Error);
            PublishedSecrets.AssertNoneLeaked(
                PublishedSecrets.Planted(loopback, Path.Combine(services, "google", "key.pem")),
                logs: log,
                binlog: binlog,
                folders: [repository, environment["MLOPS_HOME"]!]);

            var release = JsonNode.Parse(File.ReadAllText(Path.Combine(repository, "bin", "Release", "net10.0", "publish", "release.json")))!;
            var published = release["environments"]!["dataops"]!;
            Assert.Equal(4, published["images"]!.AsObject().Count);
            Assert.All(published["images"]!.AsObject(), image => Assert.Matches("^sha256:[0-9a-f]{64}$", image.Value!.GetValue<string>()));
            Assert.Equal(["churn-prediction", "churn-training"], published["pipelines"]!.AsObject().Select(p => p.Key).Order());
            // The first publish had no model to publish and said so; the training ran on dataops' runner, and the second
            // publish brought the model of that run.
            Assert.Contains(log, l => l.Contains("no model is published", StringComparison.Ordinal));
            Assert.Equal("churn_model-1.0.0-py3-none-any.whl", Assert.Single(published["wheels"]!.AsObject()).Key);
            Assert.StartsWith("projects/acme-dataops/locations/europe-west4/pipelineJobs/churn-training-", published["trainingRun"]!.GetValue<string>());
        }
        finally
        {
            await ChildProcess.RunAsync("bash", [dataops, "stop", services]);
        }
    }

    [Fact]
    public void The_jobs_after_dataops_follow_the_environments_file_s_promotion_chain_each_signed_in_with_workload_identity_federation()
    {
        var template = Path.Combine(Repository.Root, "templates", "content", "mlops-subpipeline");
        var jobs = (YamlMappingNode)Load(Path.Combine(template, ".github", "workflows", "ci.yml"))["jobs"];
        var environments = JsonNode.Parse(File.ReadAllText(Path.Combine(template, "mlops.environments.json")))!["environments"]!.AsObject();

        foreach (var (name, definition) in environments)
        {
            var job = (YamlMappingNode)jobs[name];
            Assert.Equal(name, Scalar(job, "environment"));
            Assert.Equal(definition!["promotesFrom"]?.GetValue<string>() ?? "build", Scalar(job, "needs"));
            Assert.Equal("write", Scalar((YamlMappingNode)job["permissions"], "id-token"));
            var steps = Steps(jobs, name).ToList();
            var signIn = steps.FindIndex(s => s.Uses?.StartsWith("google-github-actions/auth@", StringComparison.Ordinal) == true);
            var publish = steps.FindIndex(s => s.Run?.StartsWith($"dotnet publish -c Release -p:Environment={name}", StringComparison.Ordinal) == true);
            Assert.True(signIn >= 0 && publish > signIn, $"job {name} must sign in to Google Cloud, then run dotnet publish -c Release -p:Environment={name}");
            Assert.Equal(definition["requiresApproval"]?.GetValue<bool>() == true, steps[publish].Run!.Contains("-p:MlopsApproval=", StringComparison.Ordinal));
        }
        Assert.Equal(["build", .. environments.Select(e => e.Key)], jobs.Children.Keys.Select(k => ((YamlScalarNode)k).Value!));
    }

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(file))
        {
            stream.Load(reader);
        }
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static IEnumerable<(string? Uses, string? Run)> Steps(YamlMappingNode jobs, string job) =>
        ((YamlSequenceNode)((YamlMappingNode)jobs[job])["steps"]).Children.Cast<YamlMappingNode>()
            .Select(step => (Scalar(step, "uses"), Scalar(step, "run")));

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static IEnumerable<(string Name, string Value)> Scalars(YamlNode node) =>
        ((YamlMappingNode)node).Children.Select(c => (((YamlScalarNode)c.Key).Value!, ((YamlScalarNode)c.Value).Value!));

    /// <summary>eng/demo/environments.sh's env file: <c>export NAME=VALUE</c> lines.</summary>
    private static Dictionary<string, string> ServicesEnvironment(string file) =>
        File.ReadAllLines(file).Where(l => l.StartsWith("export ", StringComparison.Ordinal))
            .Select(l => l["export ".Length..].Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    /// <summary>What a company fills in: dataops' three registries and its runner (the loopback services here).</summary>
    private static void FillInDataops(string file, IReadOnlyDictionary<string, string> services)
    {
        var json = JsonNode.Parse(File.ReadAllText(file))!;
        var registries = json["environments"]!["dataops"]!["registries"]!;
        registries["images"] = $"http://{services["DATAOPS_IMAGES"]}";
        registries["pipelines"] = services["DATAOPS_PIPELINES"];
        registries["python"] = services["DATAOPS_PYTHON"];
        json["environments"]!["dataops"]!["runner"]!["endpoint"] = services["DATAOPS_VERTEX"];
        File.WriteAllText(file, json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }
}
