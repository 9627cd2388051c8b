using System.Security.Cryptography;
using System.Text;

namespace Mlops;

/// <summary>
/// The local environment's stand-in for an image registry when steps run as processes: publish keeps a copy of
/// each component folder under <c>MLOPS_HOME/registries/components/</c>, keyed by the image reference the IR
/// uses, so the local runner can run a published pipeline's steps wherever it is used (in an aggregator too).
/// A version's copy is immutable, like the rest of a published version.
/// </summary>
public sealed class LocalComponentFolders(string root)
{
    public string Root { get; } = root;

    public static LocalComponentFolders Of(MlopsHome home) => new(home.ComponentFolders);

    public string FolderOf(string imageReference) => Path.Combine(Root, Uri.EscapeDataString(imageReference));

    /// <summary>Copies <paramref name="folder"/> as the published content of the reference (once; a version never changes).</summary>
    public ContentDigest Publish(string imageReference, string folder)
    {
        var target = FolderOf(imageReference);
        if (Directory.Exists(target))
        {
            return TreeDigest(target);
        }
        var staging = $"{target}.{Guid.NewGuid():N}.tmp";
        Directory.CreateDirectory(staging);
        foreach (var file in Files(folder))
        {
            var copy = Path.Combine(staging, Path.GetRelativePath(folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        try
        {
            Directory.Move(staging, target);
        }
        catch (IOException)
        {
            // A concurrent publish of the same version got there first; the check before pushing compared contents.
            Directory.Delete(staging, recursive: true);
        }
        return TreeDigest(target);
    }

    /// <summary>Image reference → published folder, for those of <paramref name="imageReferences"/> that have one.</summary>
    public IReadOnlyDictionary<string, string> FoldersFor(IEnumerable<string> imageReferences) =>
        imageReferences
            .Distinct(StringComparer.Ordinal)
            .Where(image => Directory.Exists(FolderOf(image)))
            .ToDictionary(image => image, FolderOf, StringComparer.Ordinal);

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
