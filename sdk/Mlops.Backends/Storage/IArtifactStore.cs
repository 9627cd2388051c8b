namespace Mlops.Backends.Storage;

/// <summary>
/// Where a remote run's artifacts are read from: a backend's output URI (<c>gs://bucket/object</c>) to a local file.
/// A URI may name one object, or a "directory" artifact (a prefix, <c>gs://bucket/path/</c> or a path with no object
/// of its own) that holds exactly one file.
/// </summary>
public interface IArtifactStore
{
    /// <summary>The URI scheme the store reads, e.g. <c>gs</c>.</summary>
    string Scheme { get; }

    /// <summary>
    /// Downloads the artifact at <paramref name="uri"/> into <paramref name="destinationFolder"/> (named after the
    /// object), verified against the checksums the store reports and, when given, <paramref name="expectedSha256"/>
    /// (hex, with or without <c>sha256:</c>). Nothing is left at the destination when it fails.
    /// </summary>
    Task<DownloadedArtifact> DownloadAsync(string uri, string destinationFolder, string? expectedSha256 = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The URIs of the objects under the folder <paramref name="folderUri"/> (ending with <c>/</c>), in name order, at
    /// most <paramref name="limit"/> of them: how an artifact is found when the runner says only where it was written.
    /// </summary>
    Task<IReadOnlyList<string>> ListAsync(string folderUri, int limit, CancellationToken cancellationToken = default);
}
