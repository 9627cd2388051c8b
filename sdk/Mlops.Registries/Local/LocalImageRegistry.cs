namespace Mlops.Registries.Local;

/// <summary>
/// The <c>local</c> environment's image registry: the component folders under the MLOps home
/// (<see cref="LocalComponentFolders"/>), which the local runner runs a published pipeline's process steps from.
/// Its digest is the folder's content digest; the IR keeps the reference it was compiled with.
/// </summary>
public sealed class LocalImageRegistry(LocalComponentFolders folders) : IImageRegistry
{
    public string Location => folders.Root;

    public bool PinsByDigest => false;

    public Task<ImageState> InspectAsync(ComponentImage image, CancellationToken cancellationToken = default)
    {
        var reference = image.Reference.ToString();
        var published = folders.FolderOf(reference);
        if (!Directory.Exists(published))
        {
            return Task.FromResult(ImageState.Absent);
        }
        var digest = folders.VerifiedDigest(reference);
        return Task.FromResult(digest == LocalComponentFolders.TreeDigest(image.Folder)
            ? ImageState.Same(new PublishedImage(image.Reference, digest, published))
            : ImageState.Other($"component {image.Reference} is already published with other files"));
    }

    public Task<PublishedImage> PushAsync(ComponentImage image, CancellationToken cancellationToken = default)
    {
        var reference = image.Reference.ToString();
        var digest = folders.Publish(reference, image.Folder);
        return Task.FromResult(new PublishedImage(image.Reference, digest, folders.FolderOf(reference)));
    }
}
