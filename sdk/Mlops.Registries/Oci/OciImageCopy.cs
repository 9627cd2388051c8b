namespace Mlops.Registries.Oci;

/// <summary>
/// What an image copy did: the manifest digest the target reported (the source's), and how the blobs got there:
/// streamed from the source, mounted from another repository of the same registry, or already present.
/// </summary>
public sealed record OciImageCopy(ContentDigest Digest, long BytesCopied, long BytesMounted, long BytesPresent, int BlobsCopied, int BlobsMounted, int BlobsPresent)
{
    public override string ToString() =>
        $"{Digest}: {BlobsCopied} blobs copied ({BytesCopied} bytes), {BlobsMounted} mounted ({BytesMounted} bytes), {BlobsPresent} already there ({BytesPresent} bytes)";
}
