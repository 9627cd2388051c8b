using System.ComponentModel;
using System.Diagnostics;

namespace Mlops.Testing;

/// <summary>
/// Runs a program to its end with both streams buffered. One still running at the timeout is killed with its
/// children, so no test leaves processes behind.
/// </summary>
public static class ChildProcess
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <param name="environment">Variables to set on top of the test host's; a null value removes the variable.</param>
    public static async Task<ProcessResult> RunAsync(string program, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }
        var commandLine = $"{program} {string.Join(' ', info.ArgumentList)}";
        var clock = Stopwatch.StartNew();
        using var process = Start(info, program);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? DefaultTimeout;
        try
        {
            await process.WaitForExitAsync().WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{commandLine}` in {info.WorkingDirectory} did not end within {limit.TotalSeconds:F0} s and was killed.");
        }
        return new ProcessResult(commandLine, info.WorkingDirectory, process.ExitCode, await output, await error, clock.Elapsed);
    }

    private static Process Start(ProcessStartInfo info, string program)
    {
        try
        {
            return Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{program} could not be started (is it installed and on PATH?): {e.Message}", e);
        }
    }
}
