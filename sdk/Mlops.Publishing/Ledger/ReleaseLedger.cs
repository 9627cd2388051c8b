using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Mlops.Diagnostics;
using Mlops.Publishing.Images;
using Mlops.Registries;
using Mlops.Registries.Http;
using Mlops.Registries.Oci;

namespace Mlops.Publishing.Ledger;

/// <summary>
/// An environment's release ledger, kept in its own image registry so that it travels with the environment: one OCI
/// artifact per entry in <c>{images prefix}/mlops-releases/{package}</c> (an image manifest with <see cref="ArtifactType"/>
/// and one layer, the entry's JSON). A published or promoted version's entry is tagged with the version and never
/// moves; a rollback's entry gets a tag of its own; <see cref="LiveTag"/> names the entry live now.
/// </summary>
public sealed class ReleaseLedger
{
    public const string ArtifactType = "application/vnd.mlops.release.v1+json";
    public const string EntryMediaType = "application/vnd.mlops.release.entry.v1+json";
    public const string LiveTag = "live";
    public const string RepositoryFolder = "mlops-releases";

    private static readonly byte[] EmptyConfig = "{}"u8.ToArray();

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(LedgerJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    private readonly OciRegistryClient client;
    private readonly string repository;

    private ReleaseLedger(OciRegistryClient client, string repository)
    {
        this.client = client;
        this.repository = repository;
    }

    /// <summary>The ledger of <paramref name="packageId"/>'s releases in <paramref name="images"/>.</summary>
    public static ReleaseLedger Of(OciImageRegistry images, string packageId) =>
        new(images.Client, images.RepositoryPath($"{RepositoryFolder}/{RepositoryName(packageId)}"));

    /// <summary><c>Team.Model</c> → <c>team-model</c>: a repository path component is lower case.</summary>
    public static string RepositoryName(string packageId) => packageId.ToLowerInvariant().Replace('.', '-');

    /// <summary>Where the ledger is, <c>host/path</c>.</summary>
    public string Location => $"{client.Host}/{repository}";

    /// <summary>The entry a tag names (a version, a rollback's tag, <see cref="LiveTag"/>), or null when there is none.</summary>
    public async Task<LedgerEntry?> ReadAsync(string tag, CancellationToken cancellationToken = default) =>
        await ReadWithDigestAsync(tag, cancellationToken) is { } read ? read.Entry : null;

    /// <summary>The entry live now, or null when nothing was recorded.</summary>
    public Task<LedgerEntry?> LiveAsync(CancellationToken cancellationToken = default) => ReadAsync(LiveTag, cancellationToken);

    /// <summary>
    /// Records <paramref name="entry"/> under <paramref name="tag"/> and makes it live. When the tag holds an entry
    /// already, that first entry stays (a version's record never moves) and is made live again; an entry of other
    /// digests is reported as a warning, not written.
    /// </summary>
    /// <returns>The entry the tag holds now.</returns>
    public async Task<LedgerEntry> RecordAsync(LedgerEntry entry, string tag, TextWriter output, CancellationToken cancellationToken = default)
    {
        // Where live stands is asked beside the tag's entry: a republish of what is live then costs one round trip less.
        var live = client.GetManifestDigestAsync(repository, LiveTag, cancellationToken);
        if (await ReadWithDigestAsync(tag, cancellationToken) is { } held)
        {
            if (!held.Entry.SameContentAs(entry))
            {
                output.WriteLine(Diagnostic.Warning(ErrorCodes.Host.LedgerEntryDiffers,
                    $"the ledger {Location}:{tag} records release digest {held.Entry.Digest} ({held.Entry.Kind} of {held.Entry.PublishedAt:u} by {held.Entry.PublishedBy}), " +
                    $"and what was just made live is {entry.Digest}; the first record stays").ToCanonicalString());
            }
            // A republish of what is live already writes nothing.
            if (await live != held.Manifest.Digest)
            {
                await client.PutManifestAsync(repository, LiveTag, held.Manifest, cancellationToken);
            }
            return held.Entry;
        }
        var layer = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, Json) + "\n");
        var layerDigest = ContentDigest.Compute(layer);
        var configDigest = ContentDigest.Compute(EmptyConfig);
        await client.PushBlobAsync(repository, configDigest, EmptyConfig.Length, () => new MemoryStream(EmptyConfig), null, cancellationToken);
        await client.PushBlobAsync(repository, layerDigest, layer.Length, () => new MemoryStream(layer), null, cancellationToken);
        var manifest = new OciManifest(OciManifest.ImageManifest, Manifest(entry, configDigest, layerDigest, layer.Length));
        await client.PutManifestAsync(repository, manifest.Digest.ToString(), manifest, cancellationToken);
        await client.PutManifestAsync(repository, tag, manifest, cancellationToken);
        // Another publish of the same version at once may have tagged its entry since: live follows whatever the tag holds now.
        var recorded = await ReadWithDigestAsync(tag, cancellationToken) ?? (entry, manifest);
        await client.PutManifestAsync(repository, LiveTag, recorded.Manifest, cancellationToken);
        return recorded.Entry;
    }

    private static byte[] Manifest(LedgerEntry entry, ContentDigest config, ContentDigest layer, long layerSize)
    {
        var manifest = new Dictionary<string, object>
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciManifest.ImageManifest,
            ["artifactType"] = ArtifactType,
            // Docker's distribution 2.8 stores a config of any media type; ours says what the artifact is to clients that predate artifactType.
            ["config"] = new Dictionary<string, object> { ["mediaType"] = ArtifactType, ["digest"] = config.ToString(), ["size"] = EmptyConfig.Length },
            ["layers"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["mediaType"] = EntryMediaType,
                    ["digest"] = layer.ToString(),
                    ["size"] = layerSize,
                    ["annotations"] = new Dictionary<string, string> { ["org.opencontainers.image.title"] = "release.json" },
                },
            },
            ["annotations"] = new Dictionary<string, string>
            {
                ["org.opencontainers.image.version"] = entry.Version,
                ["org.opencontainers.image.created"] = entry.PublishedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                ["dev.mlops.release.kind"] = entry.Kind,
            },
        };
        return JsonSerializer.SerializeToUtf8Bytes(manifest);
    }

    /// <summary>The entry's bytes; a connection dropped while they are read is asked again, then is a coded error, never a raw IOException.</summary>
    private async Task<MemoryStream> ReadEntryAsync(ContentDigest digest, string tag, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var stream = await client.OpenBlobAsync(repository, digest, cancellationToken);
                var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, cancellationToken);
                return buffer;
            }
            catch (Exception e) when (TransientFaults.IsTransient(e, cancellationToken))
            {
                if (attempt < ReadAttempts)
                {
                    continue;
                }
                throw new RegistryException(ErrorCodes.Registries.OciUnreachable,
                    $"Reading the ledger entry {Location}:{tag} ({digest}) failed {ReadAttempts} times ({e.Message}): retry when the image registry {client.Host} is reachable; nothing was changed.", e);
            }
        }
    }

    private const int ReadAttempts = 3;

    private async Task<(LedgerEntry Entry, OciManifest Manifest)?> ReadWithDigestAsync(string tag, CancellationToken cancellationToken)
    {
        if (await client.GetManifestAsync(repository, tag, cancellationToken) is not { } manifest)
        {
            return null;
        }
        if (manifest.Blobs() is not [_, var layer] || layer.MediaType != EntryMediaType)
        {
            throw new MlopsException(ErrorCodes.Host.LedgerEntryInvalid,
                $"{Location}:{tag} is not a release ledger entry (an OCI artifact of type {ArtifactType} with one {EntryMediaType} layer). " +
                $"The repository {RepositoryFolder}/ of an environment's image registry is the SDK's: remove what else was pushed there.");
        }
        var buffer = await ReadEntryAsync(layer.Digest, tag, cancellationToken);
        if (ContentDigest.Compute(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) != layer.Digest)
        {
            throw new MlopsException(ErrorCodes.Registries.OciDigestMismatch,
                $"{Location}:{tag} names the entry {layer.Digest}, and the registry served other bytes: the registry, or a proxy in between, altered them.");
        }
        try
        {
            var entry = JsonSerializer.Deserialize<LedgerEntry>(buffer.ToArray(), Json)
                ?? throw new JsonException("the entry is null");
            return (entry, manifest);
        }
        catch (JsonException e)
        {
            throw new MlopsException(ErrorCodes.Host.LedgerEntryInvalid,
                $"{Location}:{tag} holds a ledger entry this SDK cannot read ({e.Message.Split(" Path:")[0]}).");
        }
    }
}
