namespace Mlops.Publishing.Model;

/// <summary>
/// Where a model packed from a remote run comes from, as the runner and the artifact store reported it: the artifact's
/// URI and generation, and (for a run) the template it ran by version and the run's <c>mlops-source-commit</c> and
/// <c>mlops-version</c> labels. The model card records it (ModelProvenance).
/// </summary>
/// <param name="Runner">The backend's kind (<c>vertex</c>, <c>kfp</c>), or <c>gs</c> for a bare artifact URI.</param>
public sealed record RemoteLineage(string Runner, string ModelUri, long Generation)
{
    public string? TemplateUri { get; init; }

    public string? TemplateDigest { get; init; }

    /// <summary>The commit the run was submitted from (label <c>mlops-source-commit</c>).</summary>
    public string? SourceCommit { get; init; }

    /// <summary>The project version the run was submitted at (label <c>mlops-version</c>, as the runner keeps it).</summary>
    public string? Version { get; init; }
}
