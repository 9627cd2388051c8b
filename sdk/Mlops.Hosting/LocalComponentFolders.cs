using System.Security.Cryptography;
using System.Text;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Hosting;

/// <summary>
/// The local environment's stand-in for an image registry when steps run as processes: publish keeps a copy of
/// each component folder under <c>MLOPS_HOME/registries/components/</c>, keyed by the image reference the IR
/// uses, so the local runner can run a published pipeline's steps wherever it is used (in an aggregator too).
/// A version's copy is immutable, like the rest of a published version.
/// </summary>
internal sealed class LocalComponentFolders(string root)
{
    public string Root { get; } = root;

    public string FolderOf(string imageReference) => Path.Combine(Root, Uri.EscapeDataString(imageReference));

    /// <summary>True when this reference was published with other content.</summary>
    public bool Conflicts(string imageReference, string folder)
    {
        var published = FolderOf(imageReference);
        return Directory.Exists(published) && TreeDigest(published) != TreeDigest(folder);
    }

    public void Publish(string imageReference, string folder)
    {
        var target = FolderOf(imageReference);
        if (Directory.Exists(target))
        {
            return;
        }
        var staging = $"{target}.{Guid.NewGuid():N}.tmp";
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
    }

    /// <summary>Image reference → published folder, for the images of <paramref name="spec"/> that have one.</summary>
    public IReadOnlyDictionary<string, string> FoldersFor(PipelineSpec spec) =>
        spec.DeploymentSpec.Executors.Values
            .Select(e => e.Container?.Image)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Where(image => Directory.Exists(FolderOf(image)))
            .ToDictionary(image => image, FolderOf, StringComparer.Ordinal);

    private static IEnumerable<string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}__pycache__{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.EndsWith(".pyc", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static string TreeDigest(string folder)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Files(folder))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(folder, file).Replace('\\', '/') + "\n"));
            sha.AppendData(SHA256.HashData(File.ReadAllBytes(file)));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
