using System.Diagnostics;

namespace Mlops.Registries.Tests;

/// <summary>Runs the machine's python3 with pip isolated from user configuration and from the network.</summary>
internal static class Python
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("python3", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // No pip.conf may add an index, and pip must not look for its own upgrades on the network.
        info.Environment["PIP_CONFIG_FILE"] = OperatingSystem.IsWindows() ? "NUL" : "/dev/null";
        info.Environment["PIP_DISABLE_PIP_VERSION_CHECK"] = "1";
        info.Environment["PIP_NO_INPUT"] = "1";
        info.Environment.Remove("PIP_INDEX_URL");
        info.Environment.Remove("PIP_EXTRA_INDEX_URL");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("python3 did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new Result(process.ExitCode, await output, await error);
    }
}
