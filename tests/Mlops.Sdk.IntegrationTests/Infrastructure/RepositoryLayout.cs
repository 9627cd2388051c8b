using System.Reflection;

namespace Mlops.Sdk.IntegrationTests.Infrastructure;

/// <summary>Where this repository and its packed packages are, and the version they carry.</summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string PackagesDirectory { get; } = Path.Combine(Root, "artifacts", "packages");

    /// <summary>$(MlopsSdkVersion) of eng/Versions.props when this test assembly was built.</summary>
    public static string Version { get; } = typeof(RepositoryLayout).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "MlopsSdkVersion").Value!;

    public static string PackagePath(string id) => Path.Combine(PackagesDirectory, $"{id}.{Version}.nupkg");

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
