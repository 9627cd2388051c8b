namespace Mlops.Publishing.Images;

/// <summary>One layer of an exported image: the tar on disk, its sha256 and size.</summary>
public sealed record ExportedLayer(string Path, ContentDigest Digest, long Size);
