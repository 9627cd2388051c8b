namespace Mlops.Registries;

/// <summary>
/// An environment's registry of component images. The built-in <c>local</c> environment keeps component folders
/// (<see cref="Local.LocalImageRegistry"/>); an OCI distribution registry (Artifact Registry's Docker format among
/// them) stores images built from them. A published reference is immutable: the same reference with other content
/// is a conflict, found by <see cref="FindConflictAsync"/> before anything is pushed.
/// </summary>
public interface IImageRegistry
{
    /// <summary>Where the images go, for messages: a folder or a registry host and repository.</summary>
    string Location { get; }

    /// <summary>Why <paramref name="image"/> cannot be published here (its reference holds other content), or null.</summary>
    Task<string?> FindConflictAsync(ComponentImage image, CancellationToken cancellationToken = default);

    /// <summary>Publishes the image; the result carries the digest the registry reported for what it stored.</summary>
    Task<PublishedImage> PushAsync(ComponentImage image, CancellationToken cancellationToken = default);
}
