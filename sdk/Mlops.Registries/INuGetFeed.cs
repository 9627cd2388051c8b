using NuGet.Packaging.Core;
using NuGet.Versioning;

namespace Mlops.Registries;

/// <summary>A NuGet package source.</summary>
public interface INuGetFeed
{
    /// <summary>What to put in nuget.config or give <c>dotnet restore --source</c>.</summary>
    string Source { get; }

    /// <summary>
    /// Publishes a .nupkg. Pushing the same bytes again is a no-op; another package with the same id and version
    /// throws <see cref="ImmutableVersionException"/> (MLOPS3003).
    /// </summary>
    Task<PackageIdentity> PushAsync(string nupkgPath, CancellationToken cancellationToken = default);

    /// <summary>The versions of a package (id in any case), ascending; empty when there is no such package.</summary>
    Task<IReadOnlyList<NuGetVersion>> ListVersionsAsync(string packageId, CancellationToken cancellationToken = default);
}
