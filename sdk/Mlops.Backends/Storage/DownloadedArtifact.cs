namespace Mlops.Backends.Storage;

/// <summary>
/// An artifact on local disk: the object it was read from (<see cref="Uri"/>, the file itself when the artifact was a
/// folder), the local file, its size, the sha256 of the bytes written (lower-case hex) and the object's generation.
/// </summary>
public sealed record DownloadedArtifact(string Uri, string Path, long Size, string Sha256, long Generation);
