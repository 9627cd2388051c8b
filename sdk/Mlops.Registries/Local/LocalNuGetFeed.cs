using Mlops.Diagnostics;
using System.Security.Cryptography;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;

namespace Mlops.Registries.Local;

/// <summary>
/// A NuGet folder feed in the hierarchical layout <c>nuget add</c> writes, which restore reads as a local source:
/// <code>
/// ROOT/ID/VERSION/ID.VERSION.nupkg          (id and normalized version in lower case)
/// ROOT/ID/VERSION/ID.nuspec
/// ROOT/ID/VERSION/ID.VERSION.nupkg.sha512   base64 SHA-512 of the .nupkg, written last: it marks the package complete
/// ROOT/.lock                                held while a push checks and moves files
/// </code>
/// </summary>
public sealed class LocalNuGetFeed(string root) : INuGetFeed
{
    private readonly VersionFolderPathResolver _paths = new(Path.GetFullPath(root), isLowercase: true);

    public string Root { get; } = Path.GetFullPath(root);

    public TimeSpan LockTimeout { get; init; } = LocalRegistryDefaults.LockTimeout;

    public string Source => Root;

    public async Task<PackageIdentity> PushAsync(string nupkgPath, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(nupkgPath))
        {
            throw new RegistryException(ErrorCodes.Registries.FileToPushNotFound,
                $"There is no package at '{Path.GetFullPath(nupkgPath)}': build it first (dotnet pack) or fix the path.");
        }
        var (identity, nuspec) = await ReadPackageAsync(nupkgPath, cancellationToken).ConfigureAwait(false);
        var (id, version) = (identity.Id, identity.Version);

        using var staged = await AtomicFile.StageCopyAsync(nupkgPath, _paths.GetPackageFilePath(id, version), HashAlgorithmName.SHA512, cancellationToken).ConfigureAwait(false);
        var sha512 = Convert.ToBase64String(staged.Hash);
        using var feedLock = await FileLock.AcquireAsync(Path.Combine(Root, LocalRegistryDefaults.LockFileName), LockTimeout, cancellationToken).ConfigureAwait(false);

        var hashPath = _paths.GetHashPath(id, version);
        if (File.Exists(hashPath))
        {
            var existing = (await File.ReadAllTextAsync(hashPath, cancellationToken).ConfigureAwait(false)).Trim();
            if (existing == sha512)
            {
                return identity;
            }
            throw new ImmutableVersionException(ErrorCodes.Registries.NuGetVersionImmutable, id, version.ToNormalizedString(),
                $"{id} {version.ToNormalizedString()} is already published to '{Root}' with other content and a published package is immutable: " +
                "bump the project's Version and publish again.");
        }
        await staged.CommitAsync(cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAsync(_paths.GetManifestFilePath(id, version), nuspec, cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAsync(hashPath, sha512, cancellationToken).ConfigureAwait(false);
        return identity;
    }

    public Task<IReadOnlyList<NuGetVersion>> ListVersionsAsync(string packageId, CancellationToken cancellationToken = default)
    {
        var folder = _paths.GetVersionListPath(packageId);
        IReadOnlyList<NuGetVersion> versions = Directory.Exists(folder)
            ? Directory.EnumerateDirectories(folder)
                .Select(d => NuGetVersion.TryParse(Path.GetFileName(d), out var v) ? v : null)
                .OfType<NuGetVersion>()
                .Where(v => File.Exists(_paths.GetHashPath(packageId, v)))
                .Order()
                .ToList()
            : [];
        return Task.FromResult(versions);
    }

    private static async Task<(PackageIdentity Identity, byte[] Nuspec)> ReadPackageAsync(string nupkgPath, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = new PackageArchiveReader(nupkgPath);
            Mlops.Registries.NuGet.NuGetPackageEntries.EnsureInside(reader, nupkgPath);
            var identity = await reader.GetIdentityAsync(cancellationToken).ConfigureAwait(false);
            using var nuspec = new MemoryStream();
            await using (var stream = await reader.GetNuspecAsync(cancellationToken).ConfigureAwait(false))
            {
                await stream.CopyToAsync(nuspec, cancellationToken).ConfigureAwait(false);
            }
            return (identity, nuspec.ToArray());
        }
        catch (Exception e) when (e is InvalidDataException or PackagingException or System.Xml.XmlException or ArgumentException)
        {
            throw new RegistryException(ErrorCodes.Registries.InvalidNuGetPackage,
                $"'{nupkgPath}' is not a NuGet package (a zip with a valid .nuspec): rebuild it with dotnet pack. {e.Message}", e);
        }
    }
}
