using Docker.DotNet;
using Docker.DotNet.Models;
using Mlops.Runner.Executors;
using Xunit.Abstractions;

namespace Mlops.Runner.Tests.Containers;

/// <summary>DockerExecutor against a real Docker Engine API (podman's, from eng/services/start.sh).</summary>
public sealed class DockerExecutorTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Runs_the_step_in_its_image_with_the_shared_folder_at_the_same_path()
    {
        if (TestServices.Require(output) is not { } services) return;
        using var folder = new TempFolder("mlops-docker-");
        using var executor = new DockerExecutor(services.DockerHost);
        using var timeout = new CancellationTokenSource(Limit);

        var launch = Launch(folder, "echo \"hello from $GREETER\"; echo to stderr >&2; printf 42 > \"$0/answer.txt\"; ls /bin/sh", folder.Path);
        var exitCode = await executor.RunAsync(launch, timeout.Token);

        Assert.Equal(0, exitCode);
        Assert.Equal("42", File.ReadAllText(folder.File("answer.txt")));
        var log = File.ReadAllText(launch.LogPath);
        output.WriteLine(log);
        Assert.Contains("hello from busybox", log);
        Assert.Contains("to stderr", log);
        Assert.Contains("/bin/sh", log);
        Assert.Empty(await ContainersMounting(services, folder.Path));
    }

    [Fact]
    public async Task A_failing_step_returns_its_exit_code_and_keeps_its_log()
    {
        if (TestServices.Require(output) is not { } services) return;
        using var folder = new TempFolder("mlops-docker-");
        using var executor = new DockerExecutor(services.DockerHost);
        using var timeout = new CancellationTokenSource(Limit);

        var launch = Launch(folder, "echo about to fail >&2; exit 7");
        var exitCode = await executor.RunAsync(launch, timeout.Token);

        Assert.Equal(7, exitCode);
        Assert.Contains("about to fail", File.ReadAllText(launch.LogPath));
        Assert.Empty(await ContainersMounting(services, folder.Path));
    }

    [Fact]
    public async Task Cancelling_a_step_kills_and_removes_its_container()
    {
        if (TestServices.Require(output) is not { } services) return;
        using var folder = new TempFolder("mlops-docker-");
        using var executor = new DockerExecutor(services.DockerHost);
        using var cancel = new CancellationTokenSource(Limit);

        var launch = Launch(folder, "touch \"$0/started\"; sleep 600", folder.Path);
        var run = executor.RunAsync(launch, cancel.Token);
        await WaitFor(() => File.Exists(folder.File("started")) || run.IsCompleted, TimeSpan.FromSeconds(60));
        if (run.IsCompleted)
        {
            Assert.Fail($"the step ended before it was cancelled, with exit code {await run}");
        }
        Assert.Single(await ContainersMounting(services, folder.Path));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"cancelling took {clock.Elapsed}");
        Assert.Empty(await ContainersMounting(services, folder.Path));
    }

    [Fact]
    public async Task An_image_the_engine_does_not_have_is_a_step_failure_that_says_so()
    {
        if (TestServices.Require(output) is not { } services) return;
        using var folder = new TempFolder("mlops-docker-");
        using var executor = new DockerExecutor(services.DockerHost);
        using var timeout = new CancellationTokenSource(Limit);

        var launch = Launch(folder, "true") with { Image = "localhost/mlops-test/not-built:1" };
        var failure = await Assert.ThrowsAsync<StepFailedException>(() => executor.RunAsync(launch, timeout.Token));

        Assert.Contains("localhost/mlops-test/not-built:1", failure.Message);
    }

    [Fact]
    public async Task A_command_the_image_does_not_have_is_a_step_failure_that_names_it()
    {
        if (TestServices.Require(output) is not { } services) return;
        using var folder = new TempFolder("mlops-docker-");
        using var executor = new DockerExecutor(services.DockerHost);
        using var timeout = new CancellationTokenSource(Limit);

        var launch = Launch(folder, "") with { Command = ["no-such-program"], Args = ["--flag"] };
        var failure = await Assert.ThrowsAsync<StepFailedException>(() => executor.RunAsync(launch, timeout.Token));

        output.WriteLine(failure.Message);
        Assert.Contains("test-step", failure.Message);
        Assert.Contains("no-such-program", failure.Message);
        Assert.Empty(await ContainersMounting(services, folder.Path));
    }

    /// <summary><c>sh -c SCRIPT ARGS...</c> in the base image, with <paramref name="folder"/> shared.</summary>
    private static ContainerLaunch Launch(TempFolder folder, string script, params string[] args) => new(
        "test-step",
        TestServices.BaseImage,
        ["sh", "-c"],
        [script, .. args],
        new Dictionary<string, string> { ["GREETER"] = "busybox" },
        folder.Path,
        folder.File("log.txt"),
        null,
        [folder.Path]);

    /// <summary>Containers, running or not, that mount <paramref name="folder"/>: the ones a launch with it made.</summary>
    private static async Task<IList<ContainerListResponse>> ContainersMounting(TestServices services, string folder)
    {
        using var client = services.CreateDockerClient();
        var all = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        return all.Where(c => c.Mounts?.Any(m => m.Source == folder || m.Destination == folder) == true).ToList();
    }

    private static async Task WaitFor(Func<bool> condition, TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < limit, $"gave up after {limit}");
            await Task.Delay(100);
        }
    }
}
