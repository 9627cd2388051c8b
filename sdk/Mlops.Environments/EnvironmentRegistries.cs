namespace Mlops.Environments;

/// <summary>
/// Where an environment's artifacts are published: <see cref="Images"/> is the OCI repository prefix of component
/// images (<c>host[:port]/path</c>, without the <c>http://</c> that marks a plain-HTTP registry), <see cref="Pipelines"/>
/// the KFP-format registry, <see cref="Python"/> the Python package index and <see cref="NuGet"/> the NuGet feed.
/// </summary>
public sealed record EnvironmentRegistries(string? Images, bool ImagesOverPlainHttp, Uri? Pipelines, Uri? Python, string? NuGet);
