using System.Collections;
using CliWrap;
using CliWrap.Buffered;

namespace Mlops.Sdk.IntegrationTests.Infrastructure;

/// <summary>
/// Runs the dotnet CLI as a user would, isolated from the test host: the run's own NuGet packages folder, no
/// MSBuild node reuse (no processes left behind), English messages, and none of the MSBuild/VSTest variables
/// the test host inherited from the `dotnet test` that started it.
/// </summary>
public static class Dotnet
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static async Task<DotnetResult> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, Action<string>? log = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        using var cancellation = new CancellationTokenSource(Timeout);
        var command = Cli.Wrap("dotnet")
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(variables =>
            {
                Environment(variables);
                foreach (var (name, value) in environment ?? new Dictionary<string, string>())
                {
                    variables.Set(name, value);
                }
            })
            .WithValidation(CommandResultValidation.None);
        var result = await command.ExecuteBufferedAsync(cancellation.Token);
        var done = new DotnetResult("dotnet " + string.Join(' ', arguments), workingDirectory, result.ExitCode,
            result.StandardOutput, result.StandardError, result.RunTime);
        log?.Invoke(done.ToString());
        return done;
    }

    /// <summary>`dotnet build` with the console logger at normal verbosity (messages and diagnostics one per line).</summary>
    public static Task<DotnetResult> BuildAsync(string workingDirectory, Action<string>? log = null, params string[] extra) =>
        RunAsync(workingDirectory, ["build", "-tl:false", "-v:n", "-nologo", .. extra], log);

    private static void Environment(CliWrap.Builders.EnvironmentVariablesBuilder variables)
    {
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || name is "DOTNET_HOST_PATH" or "NUGET_PACKAGES")
            {
                variables.Set(name, null);
            }
        }
        variables
            .Set("NUGET_PACKAGES", TestRun.NuGetPackages)
            .Set("MSBUILDDISABLENODEREUSE", "1")
            .Set("DOTNET_CLI_USE_MSBUILD_SERVER", "0")
            .Set("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
            .Set("DOTNET_NOLOGO", "1")
            .Set("DOTNET_SKIP_FIRST_TIME_EXPERIENCE", "1")
            .Set("DOTNET_CLI_UI_LANGUAGE", "en");
    }
}
