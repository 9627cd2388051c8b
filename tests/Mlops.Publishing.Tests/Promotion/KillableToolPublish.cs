using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Mlops.Publishing.Tests.Promotion;

/// <summary>
/// The SDK tool's publish run as a process, as <c>dotnet publish</c> runs it, and killed (SIGKILL, the whole process
/// tree) as CI kills a job: at its start, or as soon as a line of its output starts with a given text, optionally some
/// milliseconds later.
/// </summary>
internal static class KillableToolPublish
{
    /// <summary>Kill as the process starts, before it printed anything.</summary>
    public const string AtStart = "(start)";

    /// <summary>Runs <c>Mlops.Sdk.Tool publish ARGS</c>; true when it was killed before it ended, and asserts success when it was not killed.</summary>
    public static async Task<bool> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, (string Line, int ThenMilliseconds)? killWhen)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "Mlops.Sdk.Tool.dll");
        var info = new ProcessStartInfo("dotnet", [tool, "publish", .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = new StringBuilder();
        if (killWhen?.Line == AtStart)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return true;
        }
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            lines.AppendLine(line);
            if (killWhen is { } kill && line.TrimStart().StartsWith(kill.Line, StringComparison.Ordinal))
            {
                process.WaitForExit(kill.ThenMilliseconds);
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                return true;
            }
        }
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"publish exited {process.ExitCode}:\n{lines}\n{await stderr}");
        return false;
    }

    /// <summary>docker's config.json with each host's user and password, as `docker login` writes it: the chain's registry hosts and its KFP and Python servers.</summary>
    public static string WriteDockerConfig(PromotionChain chain)
    {
        static string Auth(string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AuthenticatedRegistry.User}:{password}"));
        var auths = new JsonObject();
        foreach (var (host, _) in chain.Registries.Values.DistinctBy(r => r.Host.Host))
        {
            auths[host.Host] = new JsonObject { ["auth"] = Auth(host.Password) };
        }
        foreach (var url in new[] { chain.PipelinesUrl("any"), chain.PythonUrl("dataops"), chain.PythonUrl("staging") })
        {
            auths[url.Authority] = new JsonObject { ["auth"] = Auth(chain.ServicesPassword) };
        }
        var folder = Path.Combine(chain.Work, "docker");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), new JsonObject { ["auths"] = auths }.ToJsonString());
        return folder;
    }

    /// <summary>An environment of the environments file: its registries (images over plain HTTP), training or not, and where it promotes from.</summary>
    public static JsonObject Environment(string images, Uri pipelines, Uri python, bool training, string? from)
    {
        var environment = new JsonObject
        {
            ["training"] = training,
            ["registries"] = new JsonObject { ["images"] = "http://" + images, ["pipelines"] = pipelines.AbsoluteUri, ["python"] = python.AbsoluteUri },
        };
        if (from is not null)
        {
            environment["promotesFrom"] = from;
        }
        return environment;
    }
}
