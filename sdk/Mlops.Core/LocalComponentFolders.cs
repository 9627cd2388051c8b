using System.Security.Cryptography;
using System.Text;
using Mlops.Diagnostics;

namespace Mlops;

/// <summary>
/// The local environment's stand-in for an image registry when steps run as processes: publish keeps a copy of
/// each component folder under <c>MLOPS_HOME/registries/components/</c>, keyed by the image reference the IR
/// uses, so the local runner can run a published pipeline's steps wherever it is used (in an aggregator too).
/// A version's copy is immutable, like the rest of a published version: its content digest is recorded beside it
/// (<c>FOLDER.sha256</c>) when it is published, and a copy that no longer has it is refused (MLOPS3014), so code
/// edited in place never runs as the published version.
/// </summary>
public sealed class LocalComponentFolders(string root)
{
    public string Root { get; } = root;

    public static LocalComponentFolders Of(MlopsHome home) => new(home.ComponentFolders);

    public string FolderOf(string imageReference) => Path.Combine(Root, Uri.EscapeDataString(imageReference));

    private string DigestFileOf(string imageReference) => FolderOf(imageReference) + ".sha256";

    /// <summary>Copies <paramref name="folder"/> as the published content of the reference (once; a version never changes).</summary>
    public ContentDigest Publish(string imageReference, string folder)
    {
        var target = FolderOf(imageReference);
        if (Directory.Exists(target))
        {
            return VerifiedDigest(imageReference);
        }
        var staging = $"{target}.{Guid.NewGuid():N}.tmp";
        Directory.CreateDirectory(staging);
        foreach (var file in Files(folder))
        {
            var copy = Path.Combine(staging, Path.GetRelativePath(folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        var digest = TreeDigest(staging);
        try
        {
            // The record lands before the folder: a folder that exists always has the digest it was published with.
            var record = $"{DigestFileOf(imageReference)}.{Guid.NewGuid():N}.tmp";
            File.WriteAllText(record, digest + "\n");
            File.Move(record, DigestFileOf(imageReference), overwrite: true);
            Directory.Move(staging, target);
        }
        catch (IOException)
        {
            // A concurrent publish of the same version got there first; the check before pushing compared contents.
            Directory.Delete(staging, recursive: true);
        }
        return VerifiedDigest(imageReference);
    }

    /// <summary>Image reference → published folder, for those of <paramref name="imageReferences"/> that have one; throws MLOPS3014 for one changed since.</summary>
    public IReadOnlyDictionary<string, string> FoldersFor(IEnumerable<string> imageReferences)
    {
        var folders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var image in imageReferences.Distinct(StringComparer.Ordinal).Where(image => Directory.Exists(FolderOf(image))))
        {
            VerifiedDigest(image);
            folders[image] = FolderOf(image);
        }
        return folders;
    }

    /// <summary>The published folder's digest, checked against the one recorded when it was published (a folder published before records existed has none to check).</summary>
    public ContentDigest VerifiedDigest(string imageReference)
    {
        var folder = FolderOf(imageReference);
        var digest = TreeDigest(folder);
        var record = DigestFileOf(imageReference);
        if (File.Exists(record) && File.ReadAllText(record).Trim() is var recorded && recorded != digest.ToString())
        {
            throw new MlopsException(ErrorCodes.Registries.LocalComponentAltered,
                $"The local environment's copy of component {imageReference} ({folder}) changed after it was published: it was published as {recorded} and now " +
                $"is {digest}. A published version never changes, so it does not run: delete that folder and {Path.GetFileName(record)} beside it, then publish " +
                "the version again (dotnet publish), or bump the project's Version.");
        }
        return digest;
    }

    /// <summary>The sha256 of a folder's relative paths and file contents (caches and compiled Python left out).</summary>
    public static ContentDigest TreeDigest(string folder)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Files(folder))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(folder, file).Replace('\\', '/') + "\n"));
            sha.AppendData(SHA256.HashData(File.ReadAllBytes(file)));
        }
        return ContentDigest.Parse(ContentDigest.Prefix + Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    private static IEnumerable<string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}__pycache__{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.EndsWith(".pyc", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
}
