using NuGet.Versioning;

namespace Mlops.Packaging;

/// <summary>A .nupkg <see cref="NuGetModelPackageBuilder"/> wrote.</summary>
public sealed record BuiltNuGetPackage(string Path, string Id, NuGetVersion Version);
