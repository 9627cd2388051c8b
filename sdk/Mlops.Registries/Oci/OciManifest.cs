using System.Text.Json;

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

    /// <summary>An OCI index or a Docker manifest list: it references manifests, not blobs.</summary>
    public bool IsIndex => MediaType is ImageIndex or DockerManifestList;

    /// <summary>The manifests an index references (<c>manifests</c>); none for an image manifest.</summary>
    public IReadOnlyList<OciDescriptor> Children() => IsIndex ? Descriptors("manifests") : [];

    /// <summary>The blobs an image manifest references, its config first, then its layers; none for an index.</summary>
    public IReadOnlyList<OciDescriptor> Blobs()
    {
        if (IsIndex)
        {
            return [];
        }
        using var json = JsonDocument.Parse(Bytes);
        var blobs = new List<OciDescriptor>();
        if (json.RootElement.TryGetProperty("config", out var config))
        {
            blobs.Add(Descriptor(config));
        }
        blobs.AddRange(Descriptors(json.RootElement, "layers"));
        return blobs;
    }

    private List<OciDescriptor> Descriptors(string property)
    {
        using var json = JsonDocument.Parse(Bytes);
        return Descriptors(json.RootElement, property);
    }

    private static List<OciDescriptor> Descriptors(JsonElement root, string property) =>
        root.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array ? [.. array.EnumerateArray().Select(Descriptor)] : [];

    private static OciDescriptor Descriptor(JsonElement element)
    {
        var digest = element.TryGetProperty("digest", out var d) ? d.GetString() : null;
        if (!ContentDigest.TryParse(digest, out var parsed) || !element.TryGetProperty("size", out var size) || !size.TryGetInt64(out var length))
        {
            throw new FormatException($"A manifest descriptor has no sha256 digest and size: {element.GetRawText()}");
        }
        var urls = element.TryGetProperty("urls", out var u) && u.ValueKind == JsonValueKind.Array ? u.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];
        return new OciDescriptor(element.TryGetProperty("mediaType", out var type) ? type.GetString() ?? "" : "", parsed, length, urls);
    }
}
