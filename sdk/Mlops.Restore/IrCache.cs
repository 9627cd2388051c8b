using System.Security.Cryptography;
using System.Text;
using Mlops.Diagnostics;
using Mlops.Registries;

namespace Mlops.Restore;

/// <summary>
/// Downloaded IR files, named by their digest (<c>HOME/cache/ir/sha256-HEX.yaml</c>), shared by every project on the
/// machine like NuGet's global packages folder. Every read checks the bytes against the name: a file that no longer
/// matches is never used. Beside the IR it remembers which digest each version had in its registry when a restore
/// here saw it (<c>versions/REGISTRY/PACKAGE/VERSION</c>), so a lock file pinning a version at another version's
/// digest is caught without asking the registry again.
/// </summary>
public sealed class IrCache(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string PathOf(ContentDigest digest) => Path.Combine(Root, $"sha256-{digest.Hex}.yaml");

    /// <summary>The cached bytes of <paramref name="digest"/>, or null when they are not cached.</summary>
    /// <exception cref="RestoreException">MLOPS4030: the cached file's bytes do not have that digest.</exception>
    public byte[]? TryRead(ContentDigest digest)
    {
        var path = PathOf(digest);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        var actual = ContentDigest.Compute(bytes);
        if (actual != digest)
        {
            throw RestoreException.Error(ErrorCodes.Restore.CachedIrTampered,
                $"The cached IR '{path}' has digest {actual}, not the {digest} it is stored under: it was changed after it was downloaded, so it is not used. Delete it and restore again (the IR is downloaded again from the registry).",
                path);
        }
        return bytes;
    }

    /// <summary>Caches <paramref name="bytes"/>, which the caller has checked to have <paramref name="digest"/>.</summary>
    public void Add(ContentDigest digest, byte[] bytes)
    {
        if (!File.Exists(PathOf(digest)))
        {
            GeneratedFiles.Write(PathOf(digest), bytes);
        }
    }

    /// <summary>The digest <paramref name="version"/> of <paramref name="package"/> had in <paramref name="registry"/> when a restore here saw it, or null.</summary>
    public ContentDigest? KnownDigest(string registry, string package, string version)
    {
        try
        {
            return ContentDigest.TryParse(File.ReadAllText(VersionPathOf(registry, package, version)).Trim(), out var digest) ? digest : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Remembers that <paramref name="version"/> of <paramref name="package"/> has <paramref name="digest"/> in <paramref name="registry"/>.</summary>
    public void RememberVersion(string registry, string package, string version, ContentDigest digest) =>
        GeneratedFiles.WriteIfChanged(VersionPathOf(registry, package, version), Encoding.UTF8.GetBytes(digest + "\n"));

    // A registry is named by where it is (a folder or URL), hashed: keys as written in projects are relative.
    private string VersionPathOf(string registry, string package, string version) =>
        Path.Combine(Root, "versions", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(registry)))[..16], package, version);
}
