using System.Reflection;

namespace Mlops.Sdk.IntegrationTests.Infrastructure;

/// <summary>Where eng/build.sh packs this repository's packages, and the version they carry.</summary>
public static class RepositoryLayout
{
    public static string PackagesDirectory { get; } = Path.Combine(Repository.Root, "artifacts", "packages");

    /// <summary>$(MlopsSdkVersion) of eng/Versions.props when this test assembly was built.</summary>
    public static string Version { get; } = typeof(RepositoryLayout).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "MlopsSdkVersion").Value!;

    public static string PackagePath(string id) => Path.Combine(PackagesDirectory, $"{id}.{Version}.nupkg");
}
