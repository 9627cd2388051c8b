namespace Mlops.Sdk.IntegrationTests.Infrastructure;

/// <summary>
/// Checks that eng/build.sh packed the packages under test and that they are newer than their sources, so a
/// test never runs against missing or stale packages (and never skips for lack of them).
/// </summary>
public static class PackedPackages
{
    private static readonly (string Id, string[] Sources)[] Packages =
    [
        ("Mlops.Core", ["sdk/Mlops.Core"]),
        ("Mlops.Pipelines", ["sdk/Mlops.Pipelines"]),
        ("Mlops.Runner", ["sdk/Mlops.Runner"]),
        ("Mlops.Hosting", ["sdk/Mlops.Hosting"]),
        // The SDK package carries its tool (sdk/Mlops.Sdk.Tool and the engine libraries it runs) under tools/net10.0/.
        ("Mlops.Sdk", ["sdk/Mlops.Sdk", "tasks/Mlops.Sdk.Tasks", "sdk/Mlops.Sdk.Tool", "sdk/Mlops.Restore", "sdk/Mlops.Publishing",
            "sdk/Mlops.Environments", "sdk/Mlops.Registries", "sdk/Mlops.Packaging", "sdk/Mlops.Runner", "sdk/Mlops.Pipelines", "sdk/Mlops.Core", "docs"]),
        ("Mlops.Templates", ["templates"]),
    ];

    private static readonly Lazy<string?> Problem = new(FindProblem);

    public static void EnsureFresh()
    {
        if (Problem.Value is { } problem)
        {
            throw new InvalidOperationException($"{problem} Run `bash eng/build.sh` (or `bash eng/test.sh`, which runs it first).");
        }
    }

    private static string? FindProblem()
    {
        foreach (var (id, sources) in Packages)
        {
            var package = new FileInfo(RepositoryLayout.PackagePath(id));
            if (!package.Exists)
            {
                return $"{package.FullName} does not exist.";
            }
            var newer = sources
                .Select(source => new DirectoryInfo(Path.Combine(Repository.Root, source)))
                .Where(directory => directory.Exists)
                .SelectMany(directory => directory.EnumerateFiles("*", SearchOption.AllDirectories))
                .Where(file => !IsBuildOutput(file.FullName))
                .FirstOrDefault(file => file.LastWriteTimeUtc > package.LastWriteTimeUtc);
            if (newer is not null)
            {
                return $"{package.Name} is older than {Path.GetRelativePath(Repository.Root, newer.FullName)}.";
            }
        }
        return null;
    }

    private static bool IsBuildOutput(string path)
    {
        var parts = path.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return parts.Any(part => part is "bin" or "obj" or "__pycache__");
    }
}
