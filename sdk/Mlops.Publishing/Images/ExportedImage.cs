using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mlops.Diagnostics;
using Mlops.Registries;
using Mlops.Registries.Oci;

namespace Mlops.Publishing.Images;

/// <summary>
/// An image the container engine built, exported as a docker archive (the Engine API's <c>images/{name}/get</c>) into
/// a folder and described as an OCI image: the engine's config bytes as they are, each layer as the uncompressed
/// tar it exported (<c>application/vnd.oci.image.layer.v1.tar</c>: its digest is the config's diff_id, so the
/// manifest needs no recompression and is the same for the same image). Layers stream to disk: memory stays bounded
/// whatever their size.
/// </summary>
public sealed class ExportedImage
{
    public const string ConfigMediaType = "application/vnd.oci.image.config.v1+json";
    public const string LayerMediaType = "application/vnd.oci.image.layer.v1.tar";

    private ExportedImage(byte[] config, IReadOnlyList<ExportedLayer> layers)
    {
        Config = config;
        Layers = layers;
    }

    public byte[] Config { get; }

    public IReadOnlyList<ExportedLayer> Layers { get; }

    public static async Task<ExportedImage> ReadAsync(Stream archive, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var files = new Dictionary<string, (string Path, ContentDigest Digest, long Size)>(StringComparer.Ordinal);
        var small = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using (var reader = new TarReader(archive))
        {
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                if (entry.DataStream is null || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    continue;
                }
                if (entry.Name.EndsWith(".json", StringComparison.Ordinal) && entry.Length < 16 * 1024 * 1024)
                {
                    using var buffer = new MemoryStream();
                    await entry.DataStream.CopyToAsync(buffer, cancellationToken);
                    small[entry.Name] = buffer.ToArray();
                    continue;
                }
                var path = Path.Combine(folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(entry.Name))) + ".tar");
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                await using (var file = File.Create(path))
                {
                    var chunk = new byte[1024 * 1024];
                    int n;
                    while ((n = await entry.DataStream.ReadAsync(chunk, cancellationToken)) > 0)
                    {
                        hash.AppendData(chunk, 0, n);
                        await file.WriteAsync(chunk.AsMemory(0, n), cancellationToken);
                    }
                }
                files[entry.Name] = (path, ContentDigest.Parse("sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset())), new FileInfo(path).Length);
            }
        }
        if (!small.TryGetValue("manifest.json", out var manifestBytes))
        {
            throw NotAnArchive("it has no manifest.json");
        }
        using var manifest = JsonDocument.Parse(manifestBytes);
        var image = manifest.RootElement.EnumerateArray().FirstOrDefault();
        if (image.ValueKind != JsonValueKind.Object || image.GetProperty("Config").GetString() is not { } configName
            || !small.TryGetValue(configName, out var config))
        {
            throw NotAnArchive("its manifest.json names no config");
        }
        var layers = new List<ExportedLayer>();
        foreach (var layer in image.GetProperty("Layers").EnumerateArray())
        {
            var name = layer.GetString()!;
            if (!files.TryGetValue(name, out var file))
            {
                throw NotAnArchive($"its layer {name} is missing");
            }
            layers.Add(new ExportedLayer(file.Path, file.Digest, file.Size));
        }
        return new ExportedImage(config, layers);
    }

    /// <summary>The OCI image manifest of this image, annotated (e.g. with the component's content digest); its bytes are deterministic.</summary>
    public OciManifest Manifest(IReadOnlyDictionary<string, string> annotations)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 2);
            json.WriteString("mediaType", OciManifest.ImageManifest);
            json.WriteStartObject("config");
            json.WriteString("mediaType", ConfigMediaType);
            json.WriteString("digest", ContentDigest.Compute(Config).ToString());
            json.WriteNumber("size", Config.Length);
            json.WriteEndObject();
            json.WriteStartArray("layers");
            foreach (var layer in Layers)
            {
                json.WriteStartObject();
                json.WriteString("mediaType", LayerMediaType);
                json.WriteString("digest", layer.Digest.ToString());
                json.WriteNumber("size", layer.Size);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("annotations");
            foreach (var (key, value) in annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                json.WriteString(key, value);
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return new OciManifest(OciManifest.ImageManifest, buffer.ToArray());
    }

    private static MlopsException NotAnArchive(string why) =>
        new(ErrorCodes.Registries.OciImageExportFailed, $"The container engine's export of the image is not a docker archive: {why}. Update the engine (Docker 20 or later, podman 4 or later).");
}
