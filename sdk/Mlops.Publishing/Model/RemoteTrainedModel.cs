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

    /// <summary>Whether <paramref name="from"/> names something remote: a URI, a Vertex job name, or a KFP run id.</summary>
    /// <remarks>A KFP run id is a UUID; a local run id never is (<c>yyyyMMdd-HHmmss-hex</c>).</remarks>
    public static bool IsRemote(string from) =>
        from.Contains("://", StringComparison.Ordinal)
        || (from.StartsWith("projects/", StringComparison.Ordinal) && from.Contains("/pipelineJobs/", StringComparison.Ordinal))
        || IsKfpRunId(from);

    /// <summary>Whether <paramref name="from"/> is a KFP run id: a UUID in its 8-4-4-4-12 form.</summary>
    public static bool IsKfpRunId(string from) => from.Length == 36 && Guid.TryParseExact(from, "D", out _);

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
        var uri = run.OutputArtifacts.GetValueOrDefault(output) is { Length: > 0 } reported ? reported
            : run.OutputArtifactLocations.TryGetValue(output, out var location) ? await FindWrittenAsync(store, run, output, location, cancellationToken)
            : throw new MlopsException(ErrorCodes.Storage.RemoteRunHasNoModel, run.OutputArtifacts.Count == 0 && backend.Kind == Environments.EnvironmentRunner.Kfp
                ? $"Run {run.RunId} of '{name}' reports no artifact URIs (KFP's API names MLMD ids only), and its '{output}' output is found under the run's pipeline root, which this run has none of. Set the environment's runner.pipelineRoot to a gs:// folder, run the training again, and pack that run; or give the model's gs:// URI."
                : $"Run {run.RunId} of '{name}' reports no artifact for its '{output}' output (it reports: {(run.OutputArtifacts.Count == 0 ? "none" : string.Join(", ", run.OutputArtifacts.Keys.Order(StringComparer.Ordinal)))}). Check that the pipeline sets its '{output}' output, and pack a run of the current pipeline.");
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

    /// <summary>
    /// The URI of the artifact the run wrote for <paramref name="output"/> where the runner says it writes it
    /// (<c>TASKFOLDER/SALT/KEY</c>, a file or a folder): exactly one execution of the task must have written it.
    /// </summary>
    private static async Task<string> FindWrittenAsync(IArtifactStore store, PipelineRunStatus run, string output, PipelineOutputLocation location,
        CancellationToken cancellationToken)
    {
        if (location.NotRun)
        {
            throw new MlopsException(ErrorCodes.Storage.ModelTaskDidNotRun,
                $"Task '{location.Task}', which makes the '{output}' output, did not run in run {run.RunId} (KFP skipped it: its result was cached from an earlier run), so this run wrote no model. Pack the run that trained it, give the model's gs:// URI, or turn caching off for the training task and run it again.");
        }
        if (!location.TaskFolderUri.StartsWith(store.Scheme + "://", StringComparison.Ordinal))
        {
            throw new MlopsException(ErrorCodes.Storage.RemoteArtifactUnsupported,
                $"The '{output}' output of run {run.RunId} was written under {location.TaskFolderUri}, which is not read here: only {store.Scheme}:// artifacts are. Use a pipeline root on Cloud Storage, or download the model and pass its path.");
        }
        // An object of this output is SALT/KEY (a file artifact) or SALT/KEY/… (a folder artifact).
        var found = (await store.ListAsync(location.TaskFolderUri, MaxListed, cancellationToken))
            .Where(uri => uri.StartsWith(location.TaskFolderUri, StringComparison.Ordinal))
            .Select(uri => uri[location.TaskFolderUri.Length..].Split('/'))
            .Where(parts => parts.Length >= 2 && parts[0].Length > 0 && parts[1] == location.OutputKey)
            .Select(parts => $"{location.TaskFolderUri}{parts[0]}/{location.OutputKey}")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return found switch
        {
            [var only] => only,
            [] => throw new MlopsException(ErrorCodes.Storage.ObjectNotFound,
                $"Run {run.RunId} wrote no '{location.OutputKey}' artifact of task '{location.Task}' under {location.TaskFolderUri} (where KFP writes it, for output '{output}'). Check that the run's pipeline root is the environment's runner.pipelineRoot and that no lifecycle rule deleted it, or give the model's gs:// URI."),
            _ => throw new MlopsException(ErrorCodes.Storage.AmbiguousRunArtifact,
                $"Task '{location.Task}' of run {run.RunId} wrote its '{location.OutputKey}' artifact {found.Count} times ({string.Join(", ", found)}), once per execution; give the one to pack as -p:ModelFrom=gs://…"),
        };
    }

    /// <summary>How many objects of a task's folder are looked at.</summary>
    private const int MaxListed = 1000;

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
