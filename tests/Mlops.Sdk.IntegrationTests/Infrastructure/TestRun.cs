using System.Diagnostics;

namespace Mlops.Sdk.IntegrationTests.Infrastructure;

/// <summary>
/// One temporary folder per test run, shared by all fixtures: scaffolded repositories, the template hive, and a
/// NuGet global packages folder of its own (a package of the same version cached elsewhere would hide changes).
/// Deleted when the test process exits, and, should that not happen, by the next run (the folder's name carries
/// the process id). MLOPS_KEEP_TEST_DIRECTORIES=1 keeps it.
/// </summary>
/// <remarks>
/// The run's packages folder starts with links to the third-party packages (xunit, the test SDK, YamlDotNet...)
/// already in the user's global packages folder, so they are not downloaded again on every run; Mlops.* packages
/// are never linked: they always come from artifacts/packages. Deleting the folder removes the links, never
/// what they point to.
/// </remarks>
public static class TestRun
{
    private const string Prefix = "mlops-it-";
    private static int counter;

    public static string Root { get; } = Create();

    public static string NuGetPackages { get; } = CreatePackagesFolder();

    /// <summary>The dotnet CLI with the run's packages folder.</summary>
    public static Dotnet Dotnet { get; } = new(NuGetPackages);

    /// <summary>A new empty folder under the run's root.</summary>
    public static string NewDirectory(string name) =>
        Directory.CreateDirectory(Path.Combine(Root, $"{Interlocked.Increment(ref counter):D2}-{name}")).FullName;

    private static string Create()
    {
        DeleteFoldersOfEndedRuns();
        var root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}")).FullName;
        if (Environment.GetEnvironmentVariable("MLOPS_KEEP_TEST_DIRECTORIES") != "1")
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(root);
        }
        return root;
    }

    private static string CreatePackagesFolder()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Root, "nuget-packages")).FullName;
        var source = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (!Directory.Exists(source))
        {
            return folder;
        }
        foreach (var id in Directory.EnumerateDirectories(source))
        {
            var name = Path.GetFileName(id);
            if (name.StartsWith("mlops.", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            // Link versions, not ids, so a version restored during the run lands in this folder only.
            var linked = Directory.CreateDirectory(Path.Combine(folder, name)).FullName;
            foreach (var version in Directory.EnumerateDirectories(id))
            {
                if (File.Exists(Path.Combine(version, ".nupkg.metadata")))
                {
                    Directory.CreateSymbolicLink(Path.Combine(linked, Path.GetFileName(version)), version);
                }
            }
        }
        return folder;
    }

    private static void DeleteFoldersOfEndedRuns()
    {
        if (Environment.GetEnvironmentVariable("MLOPS_KEEP_TEST_DIRECTORIES") == "1")
        {
            return;
        }
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            var parts = Path.GetFileName(folder)[Prefix.Length..].Split('-');
            if (parts.Length == 2 && int.TryParse(parts[0], out var processId) && !IsRunning(processId))
            {
                TryDelete(folder);
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
