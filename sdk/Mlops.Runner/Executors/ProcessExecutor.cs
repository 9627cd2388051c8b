using System.Diagnostics;

namespace Mlops.Runner.Executors;

/// <summary>
/// Runs a step's command as a process on this machine, in its component folder when the image is one of the
/// project's components (so <c>python3 train.py</c> finds train.py), else in the task's folder, with the environment of
/// <see cref="StepEnvironment"/>. Needs no engine.
/// </summary>
public sealed class ProcessExecutor : IContainerExecutor
{
    public string Name => "process";

    public async Task<int> RunAsync(ContainerLaunch launch, CancellationToken cancellationToken)
    {
        var argv = launch.Command.Concat(launch.Args).ToList();
        if (argv.Count == 0)
        {
            throw new StepFailedException($"Task '{launch.TaskName}' has no command, only its image's entrypoint, which runs only in a container; run with --executor docker.");
        }
        var start = new ProcessStartInfo(argv[0])
        {
            WorkingDirectory = launch.ComponentFolder ?? launch.TaskFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in argv.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }
        StepEnvironment.Apply(start.Environment, launch.Environment);
        await using var log = new StreamWriter(launch.LogPath, append: true) { AutoFlush = true };
        var gate = new object();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) log.WriteLine(Execution.SecretParameters.Redact(e.Data, launch.Masked)); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) log.WriteLine(Execution.SecretParameters.Redact(e.Data, launch.Masked)); };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new StepFailedException($"Task '{launch.TaskName}' could not start '{argv[0]}': {e.Message}. Install it, or run the step in a container (--executor docker).");
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw;
        }
        process.WaitForExit();
        return process.ExitCode;
    }
}

/// <summary>A step that could not run or did not succeed; the message says why and what to do.</summary>
public sealed class StepFailedException(string message) : Exception(message);
