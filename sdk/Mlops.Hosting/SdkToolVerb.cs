using System.CommandLine;
using System.Diagnostics;

namespace Mlops.Pipelines.Hosting;

/// <summary>
/// A verb of the team's program that the SDK's tool does (<c>submit</c>, <c>runs</c>): they need no team types, so the
/// program only hands its command line to the tool (<c>Mlops.SdkToolPath</c> in its runtimeconfig.json, with the
/// project's facts the build recorded there) and returns the tool's exit code. Ctrl+C reaches the tool too (the same
/// process group), which asks the backend to cancel what it started; the program waits for it to finish.
/// </summary>
internal static class SdkToolVerb
{
    public const string ToolPathKey = "Mlops.SdkToolPath";
    public const string DotnetHostPathKey = "Mlops.DotnetHostPath";
    public const string EnvironmentsFileKey = "Mlops.EnvironmentsFile";
    public const string VersionKey = "Mlops.Version";
    public const string ModelPackageIdKey = "Mlops.ModelPackageId";

    public static Command Create(string name, string description)
    {
        var command = new Command(name, description) { TreatUnmatchedTokensAsErrors = false };
        command.SetAction(async (parsed, _) =>
        {
            var tokens = parsed.Tokens.Select(t => t.Value).ToList();
            return await ForwardAsync(name, tokens.Count > 0 && tokens[0] == name ? tokens[1..] : tokens);
        });
        return command;
    }

    private static async Task<int> ForwardAsync(string verb, IReadOnlyList<string> arguments)
    {
        var tool = Setting(ToolPathKey);
        if (tool is null || !File.Exists(tool))
        {
            Console.Out.WriteLine(Diagnostic.Error(ErrorCodes.Host.SdkToolNotFound,
                $"'{verb}' is done by the SDK's tool, and this program does not know where it is{(tool is null ? "" : $" ({tool} does not exist)")}: build the project with dotnet build (it records the tool's path in the program's runtimeconfig.json), then run it again.").ToCanonicalString());
            return 1;
        }
        var start = new ProcessStartInfo(Setting(DotnetHostPathKey) ?? "dotnet") { UseShellExecute = false };
        start.ArgumentList.Add(tool);
        start.ArgumentList.Add(verb);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        AddFact(start, "--pipelines", Setting(ProjectLayout.PipelinesDirectoryKey));
        AddFact(start, "--environments-file", Setting(EnvironmentsFileKey));
        AddFact(start, "--version", Setting(VersionKey));
        AddFact(start, "--package-id", Setting(ModelPackageIdKey));
        using var process = Process.Start(start)!;
        // The terminal's Ctrl+C goes to the tool as well; the program outlives it so the shell gets the tool's exit code.
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

    private static void AddFact(ProcessStartInfo start, string option, string? value)
    {
        if (value is not null && !start.ArgumentList.Contains(option))
        {
            start.ArgumentList.Add(option);
            start.ArgumentList.Add(value);
        }
    }

    private static string? Setting(string key) => AppContext.GetData(key) is string { Length: > 0 } value ? value : null;
}
