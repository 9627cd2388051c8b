namespace Mlops.Registries;

/// <summary>A component of the project: its folder (with its Dockerfile) and the image reference the IR uses for it.</summary>
public sealed record ComponentImage(string Name, string Folder, ImageReference Reference);
