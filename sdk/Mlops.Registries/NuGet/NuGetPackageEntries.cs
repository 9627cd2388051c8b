using Mlops.Diagnostics;
using NuGet.Packaging;

namespace Mlops.Registries.NuGet;

/// <summary>A NuGet package's entries must stay inside the folder NuGet extracts it to (<see cref="ArchiveEntryPaths"/>).</summary>
internal static class NuGetPackageEntries
{
    public static void EnsureInside(PackageArchiveReader reader, string nupkgPath)
    {
        if (ArchiveEntryPaths.FirstUnsafe(reader.GetFiles()) is { } unsafeEntry)
        {
            throw new RegistryException(ErrorCodes.Registries.InvalidNuGetPackage,
                $"'{nupkgPath}' has an entry '{unsafeEntry}' that would be extracted outside the package's folder (an absolute path or '..'), which NuGet refuses: rebuild it with dotnet pack.");
        }
    }
}
