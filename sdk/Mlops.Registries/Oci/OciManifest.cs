namespace Mlops.Registries.Oci;

/// <summary>A manifest as a registry stores it: its exact bytes and media type. Its digest is the sha256 of the bytes.</summary>
public sealed record OciManifest(string MediaType, ReadOnlyMemory<byte> Bytes)
{
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>What a client accepts when it reads a manifest: every image manifest and index type.</summary>
    public static IReadOnlyList<string> AcceptedMediaTypes { get; } = [ImageManifest, ImageIndex, DockerManifest, DockerManifestList];

    public ContentDigest Digest => ContentDigest.Compute(Bytes.Span);
}
