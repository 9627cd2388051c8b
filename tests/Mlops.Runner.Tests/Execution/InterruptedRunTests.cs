using System.Text.Json.Nodes;

namespace Mlops.Runner.Tests.Execution;

/// <summary>
/// Ctrl+C of a local run (issue 11, item 4): SIGINT to the program's process group, as a terminal sends it, stops the
/// running step and its children and records the run cancelled; it used to leave run.json "running" and the step alive.
/// </summary>
public sealed class InterruptedRunTests : IDisposable
{
    private readonly TempFolder home = new("mlops-ctrl-c-");

    public void Dispose() => home.Dispose();

    // A terminal's Ctrl+C: SIGINT, its default disposition restored (a shell's background jobs would ignore it), to the whole group.
    private const string Interrupt = """
        import os, signal, subprocess, sys, time
        program, pid_file = sys.argv[1], sys.argv[2]
        child = subprocess.Popen(["dotnet", program, "run", "sleepy", "--param", "pid_file=" + pid_file], start_new_session=True,
                                 preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        deadline = time.time() + 60
        while not (os.path.exists(pid_file) and open(pid_file).read().strip()) and time.time() < deadline and child.poll() is None:
            time.sleep(0.1)
        step = int(open(pid_file).read())
        os.killpg(child.pid, signal.SIGINT)
        try:
            code = child.wait(60)
        except subprocess.TimeoutExpired:
            code = "timeout"
            os.killpg(child.pid, signal.SIGKILL)
        time.sleep(0.5)
        alive = os.path.exists(f"/proc/{step}") and "zombie" not in open(f"/proc/{step}/status").read().lower()
        print(f"exit={code} step_alive={alive}")
        """;

    [Fact]
    public async Task Sigint_to_the_process_group_stops_the_step_and_records_the_run_cancelled()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var program = Path.Combine(AppContext.BaseDirectory, "Mlops.Hosting.Probe.dll");
        var environment = new Dictionary<string, string?> { ["MLOPS_HOME"] = home.Path };
        (await ChildProcess.RunAsync("dotnet", [program, "emit", "--output", Path.Combine(AppContext.BaseDirectory, "pipelines")], environment: environment)).EnsureSuccess();
        var pidFile = home.File("step.pid");

        var result = await ChildProcess.RunAsync("python3", ["-c", Interrupt, program, pidFile], environment: environment, timeout: TimeSpan.FromMinutes(3));

        Assert.True(result.Succeeded, result.AllOutput);
        Assert.Contains("exit=1 step_alive=False", result.Output);
        var run = Assert.Single(Directory.GetFiles(Path.Combine(home.Path, "runs", "sleepy"), "run.json", SearchOption.AllDirectories));
        Assert.Equal("cancelled", JsonNode.Parse(File.ReadAllText(run))!["state"]!.GetValue<string>());
    }
}
