using Mlops.Diagnostics;
using Mlops.Registries;
using Mlops.Registries.Oci;

namespace Mlops.Publishing.Images;

/// <summary>
/// An environment's OCI image registry (<c>registries.images</c>, e.g. <c>europe-west4-docker.pkg.dev/acme-dataops/components</c>).
/// A component compiled as <c>localhost/churn/prepare:1.0.0</c> goes to <c>{prefix}/churn/prepare:1.0.0</c>; its manifest
/// carries the component folder's content digest, so a republish of the same folder is recognised without building
/// anything, and the same tag with other files is a conflict. Publishing builds the image in the container engine,
/// exports it, uploads the blobs the registry lacks, then stores the manifest and its tag; the image is named by the
/// digest the registry reported.
/// </summary>
public sealed class OciImageRegistry(string prefix, OciRegistryClient client, ComponentImageBuilder? engine, string workFolder, TextWriter output) : IImageRegistry
{
    public const string ComponentDigestAnnotation = "dev.mlops.component.digest";

    public string Location => prefix;

    public bool PinsByDigest => true;

    internal OciRegistryClient Client => client;

    /// <summary>
    /// The path of <paramref name="reference"/>'s repository below this registry's prefix (<c>churn/prepare</c>), or
    /// null when it is not one of this registry's images (a base image, another environment's).
    /// </summary>
    public string? RelativeRepository(ImageReference reference) =>
        reference.Name.StartsWith(prefix + "/", StringComparison.Ordinal) ? reference.Name[(prefix.Length + 1)..] : null;

    /// <summary>The image at <paramref name="relativeRepository"/> pinned to <paramref name="digest"/>.</summary>
    public ImageReference Reference(string relativeRepository, ContentDigest digest) => ImageReference.Parse($"{prefix}/{relativeRepository}@{digest}");

    /// <summary>The digest <paramref name="tag"/> of <paramref name="relativeRepository"/> names here, or null when there is no such tag.</summary>
    public Task<ContentDigest?> TagDigestAsync(string relativeRepository, string tag, CancellationToken cancellationToken = default) =>
        client.GetManifestDigestAsync(RepositoryPath(relativeRepository), tag, cancellationToken);

    /// <summary>
    /// Copies the image <paramref name="digest"/> of <paramref name="source"/> here by digest, registry to registry (a
    /// blob mount on one host, a streamed copy across hosts; no container engine): the manifest bytes, and so the
    /// digest, are the source's. With a <paramref name="tag"/> it moves last.
    /// </summary>
    public async Task<PublishedImage> CopyFromAsync(OciImageRegistry source, string relativeRepository, ContentDigest digest, string? tag,
        CancellationToken cancellationToken = default)
    {
        var copy = await new OciImageCopier(output).CopyAsync(source.Client, source.RepositoryPath(relativeRepository), digest,
            client, RepositoryPath(relativeRepository), tag, cancellationToken);
        return new PublishedImage(Reference(relativeRepository, copy.Digest), copy.Digest, $"{prefix}/{relativeRepository}");
    }

    /// <summary>The repository path on the registry host (no host) of <paramref name="relativeRepository"/>.</summary>
    /// <summary>Points <paramref name="tag"/> of <paramref name="relativeRepository"/> at <paramref name="digest"/>, a manifest the registry holds; nothing is sent when it points there already.</summary>
    public async Task TagAsync(string relativeRepository, ContentDigest digest, string tag, CancellationToken cancellationToken = default)
    {
        var repository = RepositoryPath(relativeRepository);
        if (await client.GetManifestDigestAsync(repository, tag, cancellationToken) == digest)
        {
            return;
        }
        var manifest = await client.GetManifestAsync(repository, digest.ToString(), cancellationToken)
            ?? throw new RegistryException(ErrorCodes.Registries.OciSourceManifestMissing,
                $"{prefix}/{relativeRepository} holds no manifest {digest} to tag {tag}: copy the image there first (publish again: the copy resumes).");
        await client.PutManifestAsync(repository, tag, manifest, cancellationToken);
    }

    internal string RepositoryPath(string relativeRepository) => $"{prefix[(client.Host.Length + 1)..]}/{relativeRepository}";

    /// <summary>The repository (no host) and tag a component goes to.</summary>
    public (string Repository, string Tag) TargetOf(ComponentImage image)
    {
        var path = prefix[(client.Host.Length + 1)..];
        var tag = image.Reference.Tag ?? "latest";
        return ($"{path}/{image.Reference.Repository}", tag);
    }

    public async Task<ImageState> InspectAsync(ComponentImage image, CancellationToken cancellationToken = default)
    {
        var (repository, tag) = TargetOf(image);
        var manifest = await client.GetManifestAsync(repository, tag, cancellationToken);
        if (manifest is null)
        {
            return ImageState.Absent;
        }
        var folderDigest = LocalComponentFolders.TreeDigest(image.Folder).ToString();
        var published = ComponentDigestOf(manifest);
        return published == folderDigest
            ? ImageState.Same(Published(repository, manifest.Digest))
            : ImageState.Other($"image {client.Host}/{repository}:{tag} is already published from other component files ({published ?? "not published by Mlops.Sdk"})");
    }

    public async Task<PublishedImage> PushAsync(ComponentImage image, CancellationToken cancellationToken = default)
    {
        if (await InspectAsync(image, cancellationToken) is { Published: { } same })
        {
            return same;
        }
        if (engine is null)
        {
            throw new MlopsException(ErrorCodes.Host.NoContainerEngineForImages,
                $"Component {image.Name} must be built into an image for {prefix}, and no container engine answers: start one (Docker, or podman system service) and set DOCKER_HOST to it.");
        }
        var (repository, tag) = TargetOf(image);
        await engine.BuildAsync(image, cancellationToken);
        // A folder of this push's own: another publish of the same project at once exports the same component beside it.
        var folder = Path.Combine(workFolder, $"{image.Name}-{Guid.NewGuid():N}");
        try
        {
            var exported = await engine.ExportAsync(image, folder, cancellationToken);
            long uploaded = 0;
            var total = exported.Layers.Sum(l => l.Size) + exported.Config.Length;
            var progress = new TransferProgress(output, "uploading", $"{client.Host}/{repository}", total);
            long position = 0;
            foreach (var layer in exported.Layers)
            {
                uploaded += await client.PushBlobAsync(repository, layer.Digest, layer.Size, () => File.OpenRead(layer.Path), progress.For(position), cancellationToken);
                position += layer.Size;
            }
            uploaded += await client.PushBlobAsync(repository, ContentDigest.Compute(exported.Config), exported.Config.Length, () => new MemoryStream(exported.Config),
                null, cancellationToken);
            var manifest = exported.Manifest(new Dictionary<string, string>
            {
                [ComponentDigestAnnotation] = LocalComponentFolders.TreeDigest(image.Folder).ToString(),
                ["org.opencontainers.image.title"] = image.Name,
            });
            var digest = await client.PutManifestAsync(repository, manifest.Digest.ToString(), manifest, cancellationToken);
            await client.PutManifestAsync(repository, tag, manifest, cancellationToken);
            output.WriteLine($"  uploaded {uploaded} of {total} bytes to {client.Host}/{repository} (the rest was there)");
            return Published(repository, digest);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private PublishedImage Published(string repository, ContentDigest digest) =>
        new(ImageReference.Parse($"{client.Host}/{repository}@{digest}"), digest, $"{client.Host}/{repository}");

    private static string? ComponentDigestOf(OciManifest manifest)
    {
        using var json = System.Text.Json.JsonDocument.Parse(manifest.Bytes);
        return json.RootElement.TryGetProperty("annotations", out var annotations) && annotations.TryGetProperty(ComponentDigestAnnotation, out var value)
            ? value.GetString()
            : null;
    }
}
