using System.Diagnostics;

namespace Mlops.Packaging.Tests;

/// <summary>
/// Runs a program as a user would: pip isolated from user configuration (so it reads only the index it is given),
/// dotnet without the MSBuild/VSTest variables the test host inherited and without lingering build nodes.
/// </summary>
internal static class ChildProcess
{
    public sealed record Result(string CommandLine, int ExitCode, string Output, string Error)
    {
        public Result EnsureSuccess() =>
            ExitCode == 0 ? this : throw new Xunit.Sdk.XunitException($"`{CommandLine}` exited with {ExitCode}:\n{Output}\n{Error}");
    }

    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var name in info.Environment.Keys.ToList())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("PIP_", StringComparison.OrdinalIgnoreCase) || name is "DOTNET_HOST_PATH" or "NUGET_PACKAGES" or "PYTHONPATH")
            {
                info.Environment.Remove(name);
            }
        }
        info.Environment["PIP_CONFIG_FILE"] = OperatingSystem.IsWindows() ? "NUL" : "/dev/null";
        info.Environment["PIP_DISABLE_PIP_VERSION_CHECK"] = "1";
        info.Environment["PIP_NO_INPUT"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new Result($"{program} {string.Join(' ', info.ArgumentList)}", process.ExitCode, await output, await error);
    }
}
