using Mlops.Diagnostics;
using Mlops.Registries;

namespace Mlops.Restore;

/// <summary>
/// Downloaded IR files, named by their digest (<c>HOME/cache/ir/sha256-HEX.yaml</c>), shared by every project on the
/// machine like NuGet's global packages folder. Every read checks the bytes against the name: a file that no longer
/// matches is never used.
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
}
