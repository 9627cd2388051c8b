namespace Mlops.Registries.Local;

/// <summary>
/// The <c>local</c> environment's image registry: the component folders under the MLOps home
/// (<see cref="LocalComponentFolders"/>), which the local runner runs a published pipeline's process steps from.
/// Its digest is the folder's content digest.
/// </summary>
public sealed class LocalImageRegistry(LocalComponentFolders folders) : IImageRegistry
{
    public string Location => folders.Root;

    public Task<string?> FindConflictAsync(ComponentImage image, CancellationToken cancellationToken = default) =>
        Task.FromResult(folders.Conflicts(image.Reference.ToString(), image.Folder)
            ? $"component {image.Reference} is already published with other files"
            : null);

    public Task<PublishedImage> PushAsync(ComponentImage image, CancellationToken cancellationToken = default)
    {
        var reference = image.Reference.ToString();
        var digest = folders.Publish(reference, image.Folder);
        return Task.FromResult(new PublishedImage(image.Reference, digest, folders.FolderOf(reference)));
    }
}
