namespace Mlops.Testing;

/// <summary>This repository's working tree: the folder holding Mlops.Sdk.sln above the test assembly.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Mlops.Sdk.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Mlops.Sdk.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}
