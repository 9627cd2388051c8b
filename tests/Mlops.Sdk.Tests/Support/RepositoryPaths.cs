namespace Mlops.Sdk.Tests.Support;

/// <summary>The source tree the tests check: the folder holding Mlops.Sdk.sln, above the test assembly.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>sdk/Mlops.Sdk/, with a trailing separator, as the SDK's MlopsSdkDirectory is.</summary>
    public static string SdkDirectory => Path.Combine(Root, "sdk", "Mlops.Sdk") + Path.DirectorySeparatorChar;

    public static string CatalogFile => Path.Combine(SdkDirectory, "build", "Mlops.Properties.xml");

    public static string SdkReadme => Path.Combine(SdkDirectory, "README.md");

    private static string FindRoot()
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
