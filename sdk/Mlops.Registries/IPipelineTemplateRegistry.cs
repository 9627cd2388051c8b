namespace Mlops.Registries;

/// <summary>
/// A registry of compiled pipelines (KFP IR YAML) in the model of Artifact Registry's KFP format: a package holds
/// versions named by the sha256 of their bytes, and tags (<c>1.4.2</c>, <c>latest</c>) point at versions.
/// A tag that is a semantic version (<c>1.4.2</c>, <c>2.0.0-rc.1</c>) never moves once set; other tags move.
/// </summary>
public interface IPipelineTemplateRegistry
{
    /// <summary>Where the templates go, for messages: a folder or the repository's URL.</summary>
    string Location { get; }

    /// <summary>
    /// Stores <paramref name="ir"/> as a version of <paramref name="package"/> and points <paramref name="tags"/> at it.
    /// Pushing the same bytes again is a no-op. Throws <see cref="ImmutableVersionException"/> (MLOPS3001) when a
    /// version tag already points at other bytes; then no tag is changed.
    /// </summary>
    /// <returns>The version: the digest of <paramref name="ir"/>.</returns>
    Task<ContentDigest> PushAsync(string package, ReadOnlyMemory<byte> ir, IReadOnlyCollection<string> tags, CancellationToken cancellationToken = default);

    /// <summary>The tags of <paramref name="package"/>, ordered by name. Throws MLOPS3004 when there is no such package.</summary>
    Task<IReadOnlyList<PipelineTemplateTag>> ListTagsAsync(string package, CancellationToken cancellationToken = default);

    /// <summary>
    /// The bytes of a version, given as a tag or as <c>sha256:&lt;hex&gt;</c>, checked against their digest (MLOPS3005
    /// when they do not match). Throws MLOPS3004 when the package, tag or version does not exist.
    /// </summary>
    Task<byte[]> GetAsync(string package, string tagOrDigest, CancellationToken cancellationToken = default);

    /// <summary>The names of the packages, ordered.</summary>
    Task<IReadOnlyList<string>> ListPackagesAsync(CancellationToken cancellationToken = default);
}
