namespace Mlops.Registries;

/// <summary>A component image as a registry stored it: the reference pushed and the digest the registry reported.</summary>
public sealed record PublishedImage(ImageReference Reference, ContentDigest Digest, string Location);
