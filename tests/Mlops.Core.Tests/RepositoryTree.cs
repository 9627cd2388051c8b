namespace Mlops.Core.Tests;

/// <summary>This repository's source tree, found from the test assembly upwards (it is always there, in CI and in a clone).</summary>
internal static class RepositoryTree
{
    public static string Root { get; } = Find();

    public static IEnumerable<string> Files(string folder, params string[] patterns) =>
        patterns.SelectMany(p => Directory.EnumerateFiles(Path.Combine(Root, folder), p, SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Mlops.Sdk.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No Mlops.Sdk.sln above {AppContext.BaseDirectory}.");
    }
}
