using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Mlops.Sdk.Tool.Tests.Support;
using Xunit.Abstractions;

namespace Mlops.Sdk.Tool.Tests;

/// <summary>
/// A secrets audit of the remote-run path (issue 11, item 3): after a signed-in submit, a failed submit, runs and a
/// pack of the job's model, neither the access token the token endpoint issued nor the service account's private key
/// appears in anything the user sees or the tool writes: the console, the packages and every file inside them, the
/// download folder, and what the runner and the registries were sent (bodies and paths; the token only in the
/// Authorization header, where it belongs).
/// </summary>
public sealed partial class SecretsAuditTests(ITestOutputHelper output)
{
    [Fact]
    public async Task No_token_or_key_reaches_the_console_the_packages_or_the_requests()
    {
        await using var environments = await RemoteEnvironments.StartAsync(output);
        if (environments is null)
        {
            return;
        }
        await environments.PublishAsync("vertexops", "1.0.0");
        var seen = new StringBuilder();
        var submitted = await SdkTool.RunAsync(environments.Submit("team-training", "vertexops", "--wait"));
        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        seen.Append(submitted.Output).Append(submitted.Error);
        environments.Vertex.Deny("aiplatform.pipelineJobs.create");
        var refused = await SdkTool.RunAsync(environments.Submit("team-training", "vertexops"));
        Assert.Equal(1, refused.ExitCode);
        seen.Append(refused.Output).Append(refused.Error);
        var runs = await SdkTool.RunAsync("runs", "-e", "vertexops", "--environments-file", environments.EnvironmentsFile);
        seen.Append(runs.Output).Append(runs.Error);
        var job = JobName().Match(submitted.Output).Value;
        var packages = Path.Combine(Path.GetTempPath(), $"mlops-audit-{Guid.NewGuid():N}");
        try
        {
            var packed = await SdkTool.RunAsync("pack-model", "--from", job, "--pipelines", environments.Pipelines, "--output", packages,
                "--package-id", "Team.Model", "--version", "1.0.0", "--environments-file", environments.EnvironmentsFile, "--work", Path.Combine(packages, "work"));
            Assert.True(packed.ExitCode == 0, packed.ToString());
            seen.Append(packed.Output).Append(packed.Error);
            foreach (var file in Directory.GetFiles(packages, "*", SearchOption.AllDirectories))
            {
                seen.Append(File.ReadAllText(file, Encoding.Latin1));
                if (file.EndsWith(".whl", StringComparison.Ordinal) || file.EndsWith(".nupkg", StringComparison.Ordinal))
                {
                    using var archive = ZipFile.OpenRead(file);
                    foreach (var entry in archive.Entries)
                    {
                        using var reader = new StreamReader(entry.Open(), Encoding.Latin1);
                        seen.Append(await reader.ReadToEndAsync());
                    }
                }
            }
        }
        finally
        {
            if (Directory.Exists(packages))
            {
                Directory.Delete(packages, recursive: true);
            }
        }
        foreach (var (path, body) in environments.Vertex.Bodies)
        {
            seen.Append(path).Append(body.ToJsonString());
        }
        foreach (var request in environments.Vertex.Requests.Concat(environments.Storage.Requests).Concat(environments.Templates.Requests))
        {
            seen.Append(request.PathAndQuery);
        }

        var everything = seen.ToString();
        Assert.Matches(@"error MLOPS60[0-2][0-9]: .*(permission|roles/)", everything);
        Assert.DoesNotContain(RemoteEnvironments.AccessToken, everything);
        Assert.DoesNotContain("PRIVATE KEY", everything);
        Assert.DoesNotContain(environments.PrivateKeyBody, everything);
        Assert.Contains(environments.Vertex.Requests, r => r.Authorization == "Bearer " + RemoteEnvironments.AccessToken);
    }

    [GeneratedRegex(@"projects/[^\s:]+/pipelineJobs/[a-z0-9-]+")]
    private static partial Regex JobName();
}
