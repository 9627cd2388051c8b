using Mlops.Diagnostics;
using Mlops.Registries;

namespace Mlops.Restore;

public static partial class SubPipelineRestorer
{
    /// <summary>
    /// Whether the lock entry's version has its digest: from what a restore here remembered (no registry asked), else
    /// from the registry's tag (offline, that is skipped: nothing can be asked). A lock file naming one version and the
    /// IR of another is MLOPS4023, so the wrapper never says one version while the pipeline runs another.
    /// </summary>
    private static async Task VerifyPinAsync(LockedSubPipeline entry, ContentDigest digest, RequestedSubPipeline reference, IrCache cache, string lockPath,
        bool offline, Func<IPipelineTemplateRegistry> open, CancellationToken cancellationToken)
    {
        var where = RegistryIdentity(reference.Registry);
        if (cache.KnownDigest(where, reference.Name, entry.Resolved) is { } known)
        {
            if (known != digest)
            {
                throw PinMismatch(entry, reference, lockPath, $"{entry.Resolved} has {known} in registry {reference.Registry.Describe()}");
            }
            return;
        }
        if (offline)
        {
            return;
        }
        var tags = await open().ListTagsAsync(reference.Name, cancellationToken).ConfigureAwait(false);
        var tag = tags.FirstOrDefault(t => t.Name == entry.Resolved)
            ?? throw PinMismatch(entry, reference, lockPath, $"registry {reference.Registry.Describe()} has no version {entry.Resolved} of '{reference.Name}'");
        if (tag.Version != digest)
        {
            throw PinMismatch(entry, reference, lockPath, $"{entry.Resolved} has {tag.Version} in registry {reference.Registry.Describe()}");
        }
        cache.RememberVersion(where, reference.Name, entry.Resolved, digest);
    }

    private static void RememberPin(RequestedSubPipeline reference, string version, ContentDigest digest, IrCache cache) =>
        cache.RememberVersion(RegistryIdentity(reference.Registry), reference.Name, version, digest);

    private static string RegistryIdentity(RegistrySource source) => source.Url?.ToString() ?? Path.GetFullPath(source.Folder);

    private static RestoreException PinMismatch(LockedSubPipeline entry, RequestedSubPipeline reference, string lockPath, string fact) =>
        RestoreException.Error(ErrorCodes.Restore.LockFileDigestMismatch,
            $"The lock file '{lockPath}' pins sub-pipeline '{reference.Name}' to {entry.Resolved} with digest {entry.Digest}, but {fact}: the lock file names one version and the IR of another, so it is not used. Re-lock with dotnet restore --force-evaluate (it resolves '{reference.RangeText}' again and rewrites the file), or fix the entry's \"resolved\" and \"digest\" in the file.",
            lockPath);
}
