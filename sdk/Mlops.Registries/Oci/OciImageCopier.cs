using System.Text.Json;
using Mlops.Diagnostics;

namespace Mlops.Registries.Oci;

/// <summary>
/// Copies an image, by digest, from one OCI registry to another (or to another repository of the same one), with
/// no container engine: the target gets the source manifest's exact bytes, so the same digest. The manifests that
/// the target lacks are read first (an index's children too), then each blob they name moves unless the target has
/// it: mounted from the source repository when both are on one registry host (falling back to a copy when the
/// registry will not mount), otherwise streamed from the source's GET into the target's upload, hashed on the way.
/// Then the manifests go in by digest, children before their index, and the tag moves last. Only what is missing
/// moves, so a rerun after a failure or a kill converges.
/// </summary>
public sealed class OciImageCopier(TextWriter? output = null)
{
    public async Task<OciImageCopy> CopyAsync(OciRegistryClient source, string sourceRepository, ContentDigest digest,
        OciRegistryClient target, string targetRepository, string? tag = null, CancellationToken cancellationToken = default)
    {
        var root = await ReadAsync(source, sourceRepository, digest, cancellationToken);
        var missing = new List<OciManifest>();
        var blobs = new Dictionary<ContentDigest, OciDescriptor>();
        await PlanAsync(source, sourceRepository, root, target, targetRepository, missing, blobs, cancellationToken);

        var moved = new Tally();
        var sameHost = string.Equals(source.Host, target.Host, StringComparison.OrdinalIgnoreCase);
        var progress = output is null ? null : new TransferProgress(output, "copying", $"{target.Host}/{targetRepository}", blobs.Values.Sum(b => b.Size));
        long position = 0;
        foreach (var blob in blobs.Values)
        {
            await CopyBlobAsync(source, sourceRepository, blob, target, targetRepository, sameHost, progress?.For(position), moved, cancellationToken);
            position += blob.Size;
        }
        var reported = digest;
        foreach (var manifest in missing)
        {
            reported = await target.PutManifestAsync(targetRepository, manifest.Digest.ToString(), manifest, cancellationToken);
        }
        if (tag is not null && await target.GetManifestDigestAsync(targetRepository, tag, cancellationToken) != digest)
        {
            reported = await target.PutManifestAsync(targetRepository, tag, root, cancellationToken);
        }
        var copy = new OciImageCopy(reported, moved.BytesCopied, moved.BytesMounted, moved.BytesPresent, moved.BlobsCopied, moved.BlobsMounted, moved.BlobsPresent);
        output?.WriteLine($"  {source.Host}/{sourceRepository}@{digest} -> {target.Host}/{targetRepository}{(tag is null ? "" : ":" + tag)}: " +
            $"{copy.BytesCopied} bytes copied, {copy.BytesMounted} mounted, {copy.BytesPresent} already there");
        return copy;
    }

    /// <summary>Collects, children first, the manifests the target lacks and the blobs they name (a manifest the target has brings its blobs).</summary>
    private static async Task PlanAsync(OciRegistryClient source, string sourceRepository, OciManifest manifest, OciRegistryClient target, string targetRepository,
        List<OciManifest> missing, Dictionary<ContentDigest, OciDescriptor> blobs, CancellationToken cancellationToken)
    {
        if (await target.GetManifestDigestAsync(targetRepository, manifest.Digest.ToString(), cancellationToken) == manifest.Digest)
        {
            return;
        }
        try
        {
            foreach (var child in manifest.Children())
            {
                var read = await ReadAsync(source, sourceRepository, child.Digest, cancellationToken);
                await PlanAsync(source, sourceRepository, read, target, targetRepository, missing, blobs, cancellationToken);
            }
            // A layer with URLs is non-distributable: it lives where they point, and registries do not hold it.
            foreach (var blob in manifest.Blobs().Where(b => b.Urls.Count == 0))
            {
                blobs.TryAdd(blob.Digest, blob);
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            throw new RegistryException(ErrorCodes.Registries.OciManifestTypeUnsupported,
                $"{source.Host}/{sourceRepository}@{manifest.Digest} is not a manifest this SDK can copy ({e.Message}).", e);
        }
        missing.Add(manifest);
    }

    private static async Task<OciManifest> ReadAsync(OciRegistryClient source, string repository, ContentDigest digest, CancellationToken cancellationToken)
    {
        var manifest = await source.GetManifestAsync(repository, digest.ToString(), cancellationToken)
            ?? throw new RegistryException(ErrorCodes.Registries.OciSourceManifestMissing,
                $"{source.Host}/{repository} has no manifest {digest}: check the image digest of the source release and its repository.");
        if (!OciManifest.AcceptedMediaTypes.Contains(manifest.MediaType))
        {
            throw new RegistryException(ErrorCodes.Registries.OciManifestTypeUnsupported,
                $"{source.Host}/{repository}@{digest} is a manifest of type '{manifest.MediaType}', which cannot be copied byte for byte: " +
                $"republish it as one of {string.Join(", ", OciManifest.AcceptedMediaTypes)}.");
        }
        return manifest;
    }

    private static async Task CopyBlobAsync(OciRegistryClient source, string sourceRepository, OciDescriptor blob, OciRegistryClient target, string targetRepository,
        bool sameHost, IProgress<long>? progress, Tally moved, CancellationToken cancellationToken)
    {
        if (await target.BlobExistsAsync(targetRepository, blob.Digest, cancellationToken))
        {
            moved.Present(blob.Size);
            return;
        }
        if (sameHost && await target.TryMountBlobAsync(targetRepository, blob.Digest, sourceRepository, cancellationToken))
        {
            moved.Mounted(blob.Size);
            return;
        }
        var sent = await target.PushBlobAsync(targetRepository, blob.Digest, blob.Size,
            token => OpenVerifiedAsync(source, sourceRepository, blob, token), progress, cancellationToken, inChunks: false);
        if (sent == 0)
        {
            moved.Present(blob.Size);
        }
        else
        {
            moved.Copied(sent);
        }
    }

    private static async Task<Stream> OpenVerifiedAsync(OciRegistryClient source, string repository, OciDescriptor blob, CancellationToken cancellationToken)
    {
        var download = await source.OpenBlobAsync(repository, blob.Digest, cancellationToken);
        if (download is BlobDownload { DeclaredLength: { } declared } && declared != blob.Size)
        {
            await download.DisposeAsync();
            throw new RegistryException(ErrorCodes.Registries.OciSourceContentMismatch,
                $"{source.Host}/{repository}@{blob.Digest} is served as {declared} bytes, but its manifest names {blob.Size}: the source registry, or a proxy in between, altered it. Nothing was stored under it in the target.");
        }
        return new DigestVerifyingStream(download, blob.Digest, blob.Size, $"{source.Host}/{repository}");
    }

    private sealed class Tally
    {
        public long BytesCopied, BytesMounted, BytesPresent;
        public int BlobsCopied, BlobsMounted, BlobsPresent;

        public void Copied(long size) => (BytesCopied, BlobsCopied) = (BytesCopied + size, BlobsCopied + 1);
        public void Mounted(long size) => (BytesMounted, BlobsMounted) = (BytesMounted + size, BlobsMounted + 1);
        public void Present(long size) => (BytesPresent, BlobsPresent) = (BytesPresent + size, BlobsPresent + 1);
    }
}
