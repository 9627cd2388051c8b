using Mlops.Backends;
using Mlops.Backends.Storage;
using Mlops.Diagnostics;

namespace Mlops.Publishing.Model;

/// <summary>
/// The model of a remote training run, for <c>dotnet pack -p:ModelFrom=RUN</c>: the run is read from its runner (it
/// must have succeeded), its training pipeline's Model output artifact is downloaded from the artifact store
/// (verified, see <see cref="IArtifactStore"/>), and the lineage (job name, template by digest, source commit,
/// version) goes with it to the model card. A bare artifact URI (<c>gs://…</c>) is downloaded as it is.
/// </summary>
public static class RemoteTrainedModel
{
    public const string SourceCommitLabel = Runs.RunLabels.SourceCommit;
    public const string VersionLabel = Runs.RunLabels.Version;

    /// <summary>Whether <paramref name="from"/> names something remote for any runner: a URI, or a Vertex job name.</summary>
    /// <remarks>A KFP run id looks like a local one; it is remote when the environment packed from has a KFP runner.</remarks>
    public static bool IsRemote(string from) =>
        from.Contains("://", StringComparison.Ordinal)
        || (from.StartsWith("projects/", StringComparison.Ordinal) && from.Contains("/pipelineJobs/", StringComparison.Ordinal));

    /// <param name="from">A run name (Vertex <c>projects/P/locations/L/pipelineJobs/ID</c>, a KFP run id) or an artifact URI of the model file.</param>
    /// <param name="backend">The runner of the environment the run ran in (none needed for an artifact URI).</param>
    /// <param name="store">Where the run's artifacts are read from.</param>
    /// <param name="pipelinesFolder">The project's compiled pipelines (to find the training pipeline and its Model output).</param>
    /// <param name="downloadFolder">Where the model file is downloaded to (a folder per run is made in it).</param>
    /// <param name="pipeline">The training pipeline, when several have a Model output (MlopsModelPipeline).</param>
    public static async Task<TrainedModel> FindAsync(string from, IPipelineBackend? backend, IArtifactStore store, string pipelinesFolder,
        string downloadFolder, string? pipeline = null, CancellationToken cancellationToken = default)
    {
        var (name, output) = TrainedModel.TrainingOutput(pipelinesFolder, pipeline);
        if (from.Contains("://", StringComparison.Ordinal))
        {
            var file = await DownloadAsync(store, from, Path.Combine(downloadFolder, "artifact"), what: "ModelFrom", cancellationToken);
            // A GCS generation is the object's write time in microseconds: the card's date, read from no clock.
            return new TrainedModel(file.Path, name, file.Uri, [], DateTimeOffset.UnixEpoch.AddTicks(file.Generation * 10))
            {
                Remote = new RemoteLineage(store.Scheme, file.Uri, file.Generation),
            };
        }
        if (backend is null)
        {
            throw new MlopsException(ErrorCodes.Storage.RemoteArtifactUnsupported,
                $"ModelFrom '{from}' is a run name, and the environment it is read from has no runner to ask about it; give the model's gs:// URI instead, or add a runner to the environment.");
        }
        var run = await backend.GetAsync(from, cancellationToken)
            ?? throw new MlopsException(ErrorCodes.Storage.RemoteRunNotFound,
                $"The {backend.Kind} runner has no run '{from}'. Give the run's full name as `dotnet run -- runs -e ENV` lists it (on Vertex projects/P/locations/L/pipelineJobs/ID), or check the environment.");
        if (run.State != PipelineRunState.Succeeded)
        {
            throw new MlopsException(ErrorCodes.Storage.RemoteRunNotSucceeded,
                $"Run {run.RunId} of '{run.Pipeline}' is {run.State.ToString().ToLowerInvariant()}{(run.Error is { Length: > 0 } error ? $" ({error})" : "")}, not succeeded; " +
                (run.HasEnded ? "pack the model of a run that succeeded." : "wait for it to finish (dotnet run -- runs -e ENV), then pack again."));
        }
        if (run.Pipeline.Length > 0 && run.Pipeline != name)
        {
            throw new MlopsException(ErrorCodes.Storage.RemoteRunHasNoModel,
                $"Run {run.RunId} is a run of '{run.Pipeline}', not of the training pipeline '{name}'. Pass a run of '{name}', or set MlopsModelPipeline to '{run.Pipeline}' if that pipeline trains the model.");
        }
        if (!run.OutputArtifacts.TryGetValue(output, out var uri) || string.IsNullOrEmpty(uri))
        {
            throw new MlopsException(ErrorCodes.Storage.RemoteRunHasNoModel,
                $"Run {run.RunId} of '{name}' reports no artifact for its '{output}' output (it reports: {(run.OutputArtifacts.Count == 0 ? "none" : string.Join(", ", run.OutputArtifacts.Keys.Order(StringComparer.Ordinal)))}). Check that the pipeline sets its '{output}' output, and pack a run of the current pipeline.");
        }
        var model = await DownloadAsync(store, uri, Path.Combine(downloadFolder, FolderOf(run.RunId)), what: $"The '{output}' output of run {run.RunId}", cancellationToken);
        return new TrainedModel(model.Path, name, run.RunId, [], run.Ended ?? run.Created)
        {
            Remote = new RemoteLineage(backend.Kind, model.Uri, model.Generation)
            {
                TemplateUri = run.TemplateUri,
                TemplateDigest = run.TemplateDigest,
                SourceCommit = run.Labels.GetValueOrDefault(SourceCommitLabel),
                Version = run.Labels.GetValueOrDefault(VersionLabel),
            },
        };
    }

    private static Task<DownloadedArtifact> DownloadAsync(IArtifactStore store, string uri, string folder, string what, CancellationToken cancellationToken) =>
        uri.StartsWith(store.Scheme + "://", StringComparison.Ordinal)
            ? store.DownloadAsync(uri, folder, cancellationToken: cancellationToken)
            : throw new MlopsException(ErrorCodes.Storage.RemoteArtifactUnsupported,
                $"{what} is {uri}, which is not read here: only {store.Scheme}:// artifacts are. Use a pipeline root on Cloud Storage, or download the model and pass its path.");

    /// <summary>A folder name for a run: its last segment (a Vertex job's ID, a KFP run id).</summary>
    private static string FolderOf(string runId)
    {
        var last = runId[(runId.LastIndexOf('/') + 1)..];
        return string.Concat(last.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
    }
}
