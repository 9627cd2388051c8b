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
        // The SDK's native tool starts by itself; the portable one (a .dll) runs on the dotnet host.
        var onDotnetHost = tool.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(onDotnetHost ? Setting(DotnetHostPathKey) ?? "dotnet" : tool);
        if (onDotnetHost)
        {
            start.ArgumentList.Add(tool);
        }
        else if (Setting(DotnetHostPathKey) is { } host)
        {
            // The native tool hands most verbs to the portable one, on the host the build ran on.
            start.Environment["DOTNET_HOST_PATH"] = host;
        }
        start.ArgumentList.Add(verb);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        AddFact(start, "--pipelines", Setting(ProjectLayout.PipelinesDirectoryKey));
        AddFact(start, "--environments-file", Setting(EnvironmentsFileKey));
        AddFact(start, "--version", Setting(VersionKey));
        AddFact(start, "--package-id", Setting(ModelPackageIdKey));
        return await DelegatedProcess.RunAsync(start);
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
