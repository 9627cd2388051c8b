namespace Mlops.Packaging;

/// <summary>Where a trained model comes from: the training pipeline, its run, and the commit of the team's repository.</summary>
/// <param name="SourceCommit">The source commit, or empty when unknown (e.g. a local run outside git).</param>
public sealed record ModelProvenance(string PipelineName, string PipelineVersion, string RunId, string SourceCommit = "");
