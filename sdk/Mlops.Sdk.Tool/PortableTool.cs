using System.Diagnostics;
using System.Runtime.CompilerServices;
using Mlops.Diagnostics;

namespace Mlops.Sdk.Tool;

/// <summary>
/// The SDK package carries this tool twice: portable (<c>tools/net10.0/Mlops.Sdk.Tool.dll</c>, on the dotnet host) and
/// compiled ahead of time (<c>tools/linux-x64/Mlops.Sdk.Tool</c>), which starts in a tenth of the time. The native build
/// does what a CI job repeats on every push, a publish or a promotion of a release the registries already hold, and
/// hands every other command, unchanged, to the portable build before it has done or printed anything: the container
/// engine's client (Docker.DotNet), the model download from Cloud Storage and NuGet's feed client bind their JSON by
/// reflection, which native code cannot do for types it has not seen at compile time.
/// </summary>
internal static class PortableTool
{
    /// <summary>True in the native build.</summary>
    public static bool IsNativeBuild => !RuntimeFeature.IsDynamicCodeSupported;

    /// <summary>The verbs the native build does itself (the others go to the portable build at once).</summary>
    private static readonly HashSet<string> NativeVerbs = new(StringComparer.Ordinal) { "publish" };

    /// <summary>Whether the native build hands <paramref name="args"/> on without looking further.</summary>
    public static bool TakesVerb(IReadOnlyList<string> args) =>
        IsNativeBuild && args.Count > 0 && !args[0].StartsWith('-') && !NativeVerbs.Contains(args[0]);

    /// <summary>Runs the same command line in the portable build (stdin, stdout and stderr shared) and returns its exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var assembly = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "net10.0", "Mlops.Sdk.Tool.dll"));
        if (!File.Exists(assembly))
        {
            await Console.Out.WriteLineAsync(Diagnostic.Error(ErrorCodes.Host.SdkToolNotFound,
                $"The SDK's native tool hands this command to its portable build, and {assembly} does not exist: the SDK package is damaged; clear it from the NuGet packages folder (dotnet nuget locals global-packages --clear) and restore again, or build with -p:MlopsUseNativeSdkTool=false.").ToCanonicalString());
            return ToolVerb.ProblemsReported;
        }
        // MSBuild gives the tools it runs the dotnet host it runs on.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(host);
        start.ArgumentList.Add(assembly);
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }
        return await DelegatedProcess.RunAsync(start);
    }
}
