using Mlops.Diagnostics;
using System.Text;

namespace Mlops.Registries.Local;

/// <summary>
/// Pipeline templates in a folder:
/// <code>
/// ROOT/PACKAGE/versions/sha256-HEX.yaml   the IR bytes, named by their digest, written once
/// ROOT/PACKAGE/tags/TAG                   the digest the tag points at ("sha256:HEX")
/// ROOT/PACKAGE/.lock                      held while a push checks and sets tags
/// </code>
/// Readers take no lock: version files never change and tag files are replaced atomically.
/// </summary>
public sealed class LocalPipelineTemplateRegistry(string root) : IPipelineTemplateRegistry
{
    public string Root { get; } = Path.GetFullPath(root);

    public string Location => Root;

    public TimeSpan LockTimeout { get; init; } = LocalRegistryDefaults.LockTimeout;

    public async Task<ContentDigest> PushAsync(string package, ReadOnlyMemory<byte> ir, IReadOnlyCollection<string> tags, CancellationToken cancellationToken = default)
    {
        PipelineTemplateNames.ValidatePackage(package);
        var distinctTags = tags.Distinct(StringComparer.Ordinal).ToList();
        distinctTags.ForEach(PipelineTemplateNames.ValidateTag);
        if (distinctTags.FirstOrDefault(HasLeadingZero) is { } padded)
        {
            // NuGet ranges compare normalized versions: a tag 6.0.01 would be published and never resolved.
            throw new RegistryException(ErrorCodes.Registries.VersionNotNormalized,
                $"Tag '{padded}' of pipeline '{package}' has a number with a leading zero, so no version range would ever resolve it: set the project's Version to '{Unpadded(padded)}' and publish again.");
        }
        var digest = ContentDigest.Compute(ir.Span);

        using var packageLock = await FileLock.AcquireAsync(Path.Combine(PackageFolder(package), LocalRegistryDefaults.LockFileName), LockTimeout, cancellationToken).ConfigureAwait(false);

        // Check every tag before writing any, so a refused push changes nothing.
        foreach (var tag in distinctTags.Where(PipelineTemplateNames.IsVersionTag))
        {
            if (await ReadTagAsync(package, tag, cancellationToken).ConfigureAwait(false) is { } existing && existing != digest)
            {
                throw new ImmutableVersionException(ErrorCodes.Registries.TemplateVersionImmutable, package, tag,
                    $"Version {tag} of pipeline '{package}' is already published with other content ({existing}; this build is {digest}) and a " +
                    "published version is immutable: bump the project's Version and publish again.");
            }
        }

        var versionFile = VersionFile(package, digest);
        // A version file whose bytes were changed is written again: a republish repairs it rather than reporting success over it.
        if (!File.Exists(versionFile) || ContentDigest.Compute(await File.ReadAllBytesAsync(versionFile, cancellationToken).ConfigureAwait(false)) != digest)
        {
            await AtomicFile.WriteAsync(versionFile, ir, cancellationToken).ConfigureAwait(false);
        }
        foreach (var tag in distinctTags)
        {
            if (await ReadTagAsync(package, tag, cancellationToken).ConfigureAwait(false) != digest)
            {
                await AtomicFile.WriteAsync(TagFile(package, tag), digest + "\n", cancellationToken).ConfigureAwait(false);
            }
        }
        return digest;
    }

    public async Task<IReadOnlyList<PipelineTemplateTag>> ListTagsAsync(string package, CancellationToken cancellationToken = default)
    {
        PipelineTemplateNames.ValidatePackage(package);
        EnsurePackageExists(package);
        var tagsFolder = Path.Combine(PackageFolder(package), "tags");
        if (!Directory.Exists(tagsFolder))
        {
            return [];
        }
        var tags = new List<PipelineTemplateTag>();
        foreach (var name in Directory.EnumerateFiles(tagsFolder).Select(Path.GetFileName).OfType<string>().Where(IsEntryName).Order(StringComparer.Ordinal))
        {
            if (await ReadTagAsync(package, name, cancellationToken).ConfigureAwait(false) is { } digest)
            {
                tags.Add(new PipelineTemplateTag(name, digest));
            }
        }
        return tags;
    }

    public async Task<byte[]> GetAsync(string package, string tagOrDigest, CancellationToken cancellationToken = default)
    {
        PipelineTemplateNames.ValidatePackage(package);
        ContentDigest digest;
        if (tagOrDigest.StartsWith(ContentDigest.Prefix, StringComparison.Ordinal))
        {
            if (!ContentDigest.TryParse(tagOrDigest, out digest))
            {
                throw new RegistryException(ErrorCodes.Registries.InvalidTagOrDigest,
                    $"'{tagOrDigest}' is not a version: write 'sha256:' followed by the 64 hexadecimal digits of the digest, or give a tag.");
            }
            EnsurePackageExists(package);
        }
        else
        {
            PipelineTemplateNames.ValidateTag(tagOrDigest);
            EnsurePackageExists(package);
            digest = await ReadTagAsync(package, tagOrDigest, cancellationToken).ConfigureAwait(false)
                ?? throw new RegistryException(ErrorCodes.Registries.NotFound,
                    $"Pipeline '{package}' has no tag '{tagOrDigest}' in '{Root}'; its tags are {Quote(await TagNamesAsync(package, cancellationToken).ConfigureAwait(false))}.");
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(VersionFile(package, digest), cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            throw new RegistryException(ErrorCodes.Registries.NotFound,
                $"Pipeline '{package}' has no version {digest} in '{Root}': check the digest (e.g. in mlops.lock.json) or publish that version.");
        }
        var actual = ContentDigest.Compute(bytes);
        if (actual != digest)
        {
            throw new RegistryException(ErrorCodes.Registries.ContentDigestMismatch,
                $"The stored file of version {digest} of pipeline '{package}' has digest {actual}: it was changed after it was published. " +
                $"Delete '{VersionFile(package, digest)}' and publish the version again.");
        }
        return bytes;
    }

    public Task<IReadOnlyList<string>> ListPackagesAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> packages = Directory.Exists(Root)
            ? Directory.EnumerateDirectories(Root).Select(Path.GetFileName).OfType<string>().Where(IsEntryName).Order(StringComparer.Ordinal).ToList()
            : [];
        return Task.FromResult(packages);
    }

    private string PackageFolder(string package) => Path.Combine(Root, package);

    private string VersionFile(string package, ContentDigest digest) => Path.Combine(PackageFolder(package), "versions", $"sha256-{digest.Hex}.yaml");

    private string TagFile(string package, string tag) => Path.Combine(PackageFolder(package), "tags", tag);

    private void EnsurePackageExists(string package)
    {
        if (!Directory.Exists(PackageFolder(package)))
        {
            throw new RegistryException(ErrorCodes.Registries.NotFound,
                $"There is no pipeline '{package}' in '{Root}': check the name, or publish the pipeline first (dotnet publish in its repository).");
        }
    }

    private async Task<ContentDigest?> ReadTagAsync(string package, string tag, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(TagFile(package, tag), Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        return ContentDigest.TryParse(text.Trim(), out var digest)
            ? digest
            : throw new RegistryException(ErrorCodes.Registries.ContentDigestMismatch,
                $"Tag file '{TagFile(package, tag)}' does not hold a digest ('sha256:' and 64 hexadecimal digits): delete it and publish again.");
    }

    private async Task<IReadOnlyList<string>> TagNamesAsync(string package, CancellationToken cancellationToken) =>
        (await ListTagsAsync(package, cancellationToken).ConfigureAwait(false)).Select(t => t.Name).ToList();

    private static bool IsEntryName(string name) => !name.StartsWith('.');

    private static readonly System.Text.RegularExpressions.Regex LeadingZero = new(@"^(\d+\.)*0\d", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>Whether a version-like tag (digits and dots first) has a part such as <c>01</c>.</summary>
    private static bool HasLeadingZero(string tag) => LeadingZero.IsMatch(tag.Split('-', '+')[0]);

    private static string Unpadded(string tag)
    {
        var cut = tag.IndexOfAny(['-', '+']);
        var core = cut < 0 ? tag : tag[..cut];
        return string.Join('.', core.Split('.').Select(p => p.TrimStart('0') is { Length: > 0 } t ? t : "0")) + (cut < 0 ? "" : tag[cut..]);
    }

    private static string Quote(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names.Select(n => $"'{n}'"));
}
