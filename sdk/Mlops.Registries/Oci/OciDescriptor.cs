namespace Mlops.Registries.Oci;

/// <summary>
/// What a manifest says of content it references (a config, a layer, a child manifest of an index): its media type,
/// digest and size. <see cref="Urls"/> non-empty marks a non-distributable layer, fetched from elsewhere, not the registry.
/// </summary>
public sealed record OciDescriptor(string MediaType, ContentDigest Digest, long Size, IReadOnlyList<string> Urls);
