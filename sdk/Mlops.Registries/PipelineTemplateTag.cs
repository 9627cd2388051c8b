namespace Mlops.Registries;

/// <summary>A tag of a pipeline template package (<c>1.4.2</c>, <c>latest</c>) and the version it points at.</summary>
public sealed record PipelineTemplateTag(string Name, ContentDigest Version);
