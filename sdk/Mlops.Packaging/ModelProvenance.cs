namespace Mlops.Packaging;

/// <summary>Where a trained model comes from: the training pipeline, its run, and the commit of the team's repository.</summary>
/// <param name="RunId">The run: a local run's id, or a remote run's name (a Vertex job's <c>projects/P/locations/L/pipelineJobs/ID</c>, a KFP run id).</param>
/// <param name="SourceCommit">The source commit, or empty when unknown (e.g. a local run outside git).</param>
public sealed record ModelProvenance(string PipelineName, string PipelineVersion, string RunId, string SourceCommit = "")
{
    /// <summary>The published template a remote run was created from, by version (<c>…/PACKAGE/sha256:HEX</c>); empty for a local run.</summary>
    public string TemplateUri { get; init; } = "";

    /// <summary>That template's <c>sha256:HEX</c>, as the runner recorded it; empty for a local run.</summary>
    public string TemplateDigest { get; init; } = "";

    /// <summary>Where the model file was read from (the run's <c>gs://</c> artifact); empty for a local file.</summary>
    public string ModelUri { get; init; } = "";
}
