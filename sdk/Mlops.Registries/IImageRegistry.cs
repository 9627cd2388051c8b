namespace Mlops.Registries;

/// <summary>
/// An environment's registry of component images. The built-in <c>local</c> environment keeps component folders
/// (<see cref="Local.LocalImageRegistry"/>); an OCI distribution registry (Artifact Registry's Docker format among
/// them) stores images built from them. A published reference is immutable: the same reference with other content
/// is a conflict, found by <see cref="InspectAsync"/> before anything is pushed.
/// </summary>
public interface IImageRegistry
{
    /// <summary>Where the images go, for messages: a folder or a registry host and repository.</summary>
    string Location { get; }

    /// <summary>True when a published image is named by its digest (<c>repository@sha256:…</c>), so the IR must pin it.</summary>
    bool PinsByDigest { get; }

    /// <summary>Whether <paramref name="image"/> is published here already, with this content or with other content.</summary>
    Task<ImageState> InspectAsync(ComponentImage image, CancellationToken cancellationToken = default);

    /// <summary>Publishes the image; the result carries the digest the registry reported for what it stored.</summary>
    Task<PublishedImage> PushAsync(ComponentImage image, CancellationToken cancellationToken = default);
}
