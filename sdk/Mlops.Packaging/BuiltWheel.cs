namespace Mlops.Packaging;

/// <summary>A wheel <see cref="WheelBuilder"/> wrote.</summary>
/// <param name="Version">The PEP 440 version the wheel carries.</param>
/// <param name="Sha256">The wheel file's sha256, lower-case hex.</param>
public sealed record BuiltWheel(string Path, string FileName, string DistributionName, string Version, string ImportName, string Sha256);
