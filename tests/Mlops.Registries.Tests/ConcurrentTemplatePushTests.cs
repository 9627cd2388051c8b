using System.Text;
using Mlops.Registries.Local;

namespace Mlops.Registries.Tests;

/// <summary>Several writers publishing the same versions at once, as parallel CI jobs do.</summary>
public sealed class ConcurrentTemplatePushTests : IDisposable
{
    private const string Package = "churn-training";
    private const int Versions = 40;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Root => _temp.File("kfp");

    [Fact]
    public async Task Parallel_tasks_pushing_identical_content_all_succeed_with_one_version_each()
    {
        var outcomes = await RunWritersInTasksAsync(["same", "same", "same"]);

        foreach (var (version, results) in outcomes)
        {
            Assert.All(results, r => Assert.StartsWith("ok", r.Result));
            Assert.Single(results.Select(r => r.Result).Distinct());
        }
        Assert.Equal(Versions, Directory.GetFiles(Path.Combine(Root, Package, "versions")).Length);
        await AssertTagsPointAtWinnersAsync(outcomes);
    }

    [Fact]
    public async Task Parallel_tasks_pushing_different_content_leave_exactly_one_winner_per_version()
    {
        var outcomes = await RunWritersInTasksAsync(["a", "b", "c"]);

        foreach (var (version, results) in outcomes)
        {
            Assert.Single(results, r => r.Result.StartsWith("ok", StringComparison.Ordinal));
            Assert.Equal(2, results.Count(r => r.Result == "MLOPS3001"));
        }
        await AssertTagsPointAtWinnersAsync(outcomes);
    }

    [Fact]
    public async Task Two_processes_pushing_identical_content_both_succeed_with_one_version_each()
    {
        var outcomes = await RunWriterProcessesAsync(["same", "same"]);

        foreach (var (version, results) in outcomes)
        {
            Assert.Equal(2, results.Count);
            Assert.All(results, r => Assert.StartsWith("ok", r.Result));
            Assert.Single(results.Select(r => r.Result).Distinct());
        }
        Assert.Equal(Versions, Directory.GetFiles(Path.Combine(Root, Package, "versions")).Length);
        await AssertTagsPointAtWinnersAsync(outcomes);
    }

    [Fact]
    public async Task Two_processes_pushing_different_content_leave_exactly_one_winner_per_version()
    {
        var outcomes = await RunWriterProcessesAsync(["a", "b"]);

        foreach (var (version, results) in outcomes)
        {
            Assert.Equal(2, results.Count);
            Assert.Single(results, r => r.Result.StartsWith("ok", StringComparison.Ordinal));
            Assert.Single(results, r => r.Result == "MLOPS3001");
        }
        await AssertTagsPointAtWinnersAsync(outcomes);
    }

    [Fact]
    public async Task A_push_waits_for_the_lock_and_proceeds_when_it_is_released()
    {
        var registry = new LocalPipelineTemplateRegistry(Root);
        var lockFile = Path.Combine(Root, Package, ".lock");
        Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
        var held = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var push = registry.PushAsync(Package, Content("a", "1.0.0"), ["1.0.0"]);
        await Task.Delay(300);
        Assert.False(push.IsCompleted);
        held.Dispose();

        await push.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Content("a", "1.0.0"), await registry.GetAsync(Package, "1.0.0"));
    }

    [Fact]
    public async Task A_push_that_cannot_take_the_lock_in_time_fails_with_MLOPS3008()
    {
        var registry = new LocalPipelineTemplateRegistry(Root) { LockTimeout = TimeSpan.FromMilliseconds(200) };
        var lockFile = Path.Combine(Root, Package, ".lock");
        Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
        using var held = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var error = await Assert.ThrowsAsync<RegistryException>(() => registry.PushAsync(Package, Content("a", "1.0.0"), ["1.0.0"]));
        Assert.Equal("MLOPS3008", error.Code);
        Assert.Contains(lockFile, error.Message);
    }

    /// <summary>Matches what the probe program pushes.</summary>
    private static byte[] Content(string writer, string version) =>
        Encoding.UTF8.GetBytes($"# PIPELINE DEFINITION\n# writer: {writer}\npipelineInfo:\n  name: {Package}\n# version {version}\n");

    private sealed record Outcome(string Writer, string Result);

    private async Task<Dictionary<string, List<Outcome>>> RunWritersInTasksAsync(string[] writers)
    {
        var start = new TaskCompletionSource();
        var tasks = writers.Select(writer => Task.Run(async () =>
        {
            var registry = new LocalPipelineTemplateRegistry(Root);
            await start.Task;
            var results = new List<(string Version, Outcome Outcome)>();
            for (var i = 0; i < Versions; i++)
            {
                var version = $"1.0.{i}";
                try
                {
                    var digest = await registry.PushAsync(Package, Content(writer, version), [version, "latest"]);
                    results.Add((version, new Outcome(writer, $"ok {digest}")));
                }
                catch (ImmutableVersionException e)
                {
                    results.Add((version, new Outcome(writer, e.Code)));
                }
            }
            return results;
        })).ToList();
        start.SetResult();
        var all = await Task.WhenAll(tasks);
        return all.SelectMany(r => r).GroupBy(r => r.Version).ToDictionary(g => g.Key, g => g.Select(r => r.Outcome).ToList());
    }

    private async Task<Dictionary<string, List<Outcome>>> RunWriterProcessesAsync(string[] writers)
    {
        var startFile = _temp.File("start");
        var probe = Path.Combine(AppContext.BaseDirectory, "Mlops.Registries.ConcurrencyProbe.dll");
        // Each probe starts at once and waits for the start file, so the writers overlap.
        var probes = writers.Select(writer => (Writer: writer, Run: ChildProcess.RunAsync(Dotnet.HostPath,
            [probe, Root, Package, writer, Versions.ToString(), startFile], timeout: TimeSpan.FromMinutes(2)))).ToList();
        File.WriteAllText(startFile, "go");
        var outcomes = new Dictionary<string, List<Outcome>>();
        foreach (var (writer, run) in probes)
        {
            var result = await run;
            Assert.True(result.Succeeded, $"probe {writer} exited with {result.ExitCode}: {result.Error}");
            foreach (var line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var version = line[..line.IndexOf(' ')];
                var outcome = line[(version.Length + 1)..];
                (outcomes.TryGetValue(version, out var list) ? list : outcomes[version] = []).Add(new Outcome(writer, outcome));
            }
        }
        Assert.Equal(Versions, outcomes.Count);
        return outcomes;
    }

    private async Task AssertTagsPointAtWinnersAsync(Dictionary<string, List<Outcome>> outcomes)
    {
        var registry = new LocalPipelineTemplateRegistry(Root);
        foreach (var (version, results) in outcomes)
        {
            var winner = results.First(r => r.Result.StartsWith("ok", StringComparison.Ordinal));
            Assert.Equal(Content(winner.Writer, version), await registry.GetAsync(Package, version));
            Assert.Equal(winner.Result, $"ok {ContentDigest.Compute(Content(winner.Writer, version))}");
        }
        // latest points at one of the pushed versions, whole.
        var latest = await registry.GetAsync(Package, "latest");
        Assert.Contains(outcomes.SelectMany(o => o.Value.Where(r => r.Result.StartsWith("ok", StringComparison.Ordinal)).Select(r => Content(r.Writer, o.Key))), c => c.SequenceEqual(latest));
    }

}
