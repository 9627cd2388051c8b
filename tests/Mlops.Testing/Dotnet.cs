namespace Mlops.Testing;

/// <summary>
/// The dotnet CLI run as a user would, isolated from the test host (<see cref="IsolatedEnvironment.Dotnet"/>),
/// with <paramref name="nuGetPackages"/> as its NuGet global packages folder.
/// </summary>
public sealed class Dotnet(string nuGetPackages)
{
    public string NuGetPackages { get; } = nuGetPackages;

    /// <summary>The dotnet host running the tests, to start an assembly on the same runtime.</summary>
    public static string HostPath { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";

    /// <param name="environment">Variables set on top of the isolated environment, e.g. MLOPS_HOME.</param>
    public async Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, Action<string>? log = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var variables = IsolatedEnvironment.Dotnet(NuGetPackages);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }
        var result = await ChildProcess.RunAsync("dotnet", arguments, workingDirectory, variables);
        log?.Invoke(result.ToString());
        return result;
    }

    /// <summary>`dotnet build` with the console logger at normal verbosity (messages and diagnostics one per line).</summary>
    public Task<ProcessResult> BuildAsync(string workingDirectory, Action<string>? log = null, params string[] extra) =>
        RunAsync(workingDirectory, ["build", "-tl:false", "-v:n", "-nologo", .. extra], log);
}
