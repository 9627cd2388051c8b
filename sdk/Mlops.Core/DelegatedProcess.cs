using System.Diagnostics;

namespace Mlops;

/// <summary>
/// Runs a program that does this process's work in its place (the same console: standard streams and process group)
/// and gives its exit code. The terminal's Ctrl+C reaches that program too, which cancels and finishes; this process
/// outlives it, so the shell or MSBuild gets the exit code of the program that did the work.
/// </summary>
public static class DelegatedProcess
{
    public static async Task<int> RunAsync(ProcessStartInfo start)
    {
        start.UseShellExecute = false;
        using var process = Process.Start(start)!;
        ConsoleCancelEventHandler keep = (_, e) => e.Cancel = true;
        Console.CancelKeyPress += keep;
        try
        {
            await process.WaitForExitAsync(CancellationToken.None);
            return process.ExitCode;
        }
        finally
        {
            Console.CancelKeyPress -= keep;
        }
    }
}
