using System.Globalization;
using System.Text.Json.Nodes;
using Mlops.Diagnostics;
using Mlops.Environments;
using Mlops.Registries.Auth;
using Mlops.Registries.Http;

namespace Mlops.Backends.Kfp;

/// <summary>
/// Runs on an open-source Kubeflow Pipelines backend over its REST API v2beta1, at the environment's
/// <c>runner.endpoint</c>. A submit turns the published template into the pipeline version named after its digest
/// (uploaded once per digest), then creates the run from it with the parameter values, the pipeline root and the
/// Kubernetes service account of the environment. The run's id is KFP's <c>run_id</c>.
/// <para>KFP's REST API reports no artifact URIs (its tasks name MLMD artifact ids only), so
/// <see cref="PipelineRunStatus.OutputArtifacts"/> stays empty; a succeeded run read by id reports instead where its
/// outputs were written (<see cref="PipelineRunStatus.OutputArtifactLocations"/>, <see cref="KfpOutputLocations"/>).
/// KFP runs have no labels either, so the labels, the template and a create marker are kept as JSON in the run's
/// description (<see cref="KfpRunDescription"/>).</para>
/// </summary>
public sealed class KfpPipelineBackend : IPipelineBackend
{
    public const int PageSize = 100;

    /// <summary>How many pages of runs a pipeline's list reads at most: KFP cannot filter runs by pipeline, so it is done here.</summary>
    public const int MaxListPages = 20;

    private readonly KfpApiClient api;
    private readonly KfpPipelineVersions versions;
    private readonly EnvironmentRunner runner;

    /// <param name="http">From <see cref="RegistryHttpClient.Create"/>: it retries 429 and 5xx (after <c>Retry-After</c>) and dropped connections.</param>
    /// <param name="accessTokens">The bearer token; when null, the service account token file when there is one (<see cref="KfpServiceAccountToken.FromEnvironment"/>).</param>
    public KfpPipelineBackend(EnvironmentDefinition environment, HttpClient http, IAccessTokenSource? accessTokens = null)
    {
        var connection = new KfpConnection(environment, http, accessTokens);
        (api, runner, versions) = (connection.Api, connection.Runner, connection.Versions);
    }

    public string Kind => EnvironmentRunner.Kfp;

    public Uri Endpoint => api.Endpoint;

    /// <summary>How a run create is tried again; it looks for the run the lost try made before sending it again.</summary>
    public RetrySettings Retries { get; init; } = RetrySettings.Default;

    public async Task<PipelineRunStatus> SubmitAsync(PipelineRunRequest request, CancellationToken cancellationToken = default)
    {
        var digest = KfpRuntimeConfig.Digest(request);
        var version = await versions.EnsureAsync(request.PipelineName, request.Ir, digest, cancellationToken).ConfigureAwait(false);
        var marker = request.RunId ?? KfpRunDescription.NewMarker();
        var displayName = request.DisplayName ?? $"{request.PipelineName} {marker}";
        var description = new KfpRunDescription(marker, request.PipelineName, request.TemplateUri, digest.ToString(), KfpRuntimeConfig.Labels(request, runner));
        var body = new JsonObject
        {
            ["display_name"] = displayName,
            ["description"] = description.Format(),
            ["pipeline_version_reference"] = version.Reference(),
            ["runtime_config"] = KfpRuntimeConfig.For(request, runner),
        };
        if (runner.ServiceAccount is { Length: > 0 } serviceAccount)
        {
            body["service_account"] = serviceAccount;
        }
        var run = await KfpCreateOnce.CreateAsync(api, "runs", body, $"create a run of pipeline '{request.PipelineName}'",
            token => FindCreatedAsync(displayName, marker, token), Retries, cancellationToken).ConfigureAwait(false);
        return await StatusAsync(run, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PipelineRunStatus?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        var run = await api.GetOrNullAsync($"runs/{Uri.EscapeDataString(runId)}", $"read run {runId}", cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return null;
        }
        var status = await StatusAsync(run, cancellationToken).ConfigureAwait(false);
        return status.State == PipelineRunState.Succeeded
            ? status with { OutputArtifactLocations = await OutputLocationsAsync(run, status, cancellationToken).ConfigureAwait(false) }
            : status;
    }

    /// <summary>Where the run's outputs were written: under the pipeline root it ran with, by the spec of the version it ran.</summary>
    private async Task<IReadOnlyDictionary<string, PipelineOutputLocation>> OutputLocationsAsync(JsonObject run, PipelineRunStatus status,
        CancellationToken cancellationToken)
    {
        var root = KfpApiClient.Text(run["runtime_config"]?["pipeline_root"]) is { Length: > 0 } own ? own : runner.PipelineRoot;
        var reference = run["pipeline_version_reference"];
        if (root is not { Length: > 0 } || KfpApiClient.Text(reference?["pipeline_id"]) is not { } pipelineId
            || KfpApiClient.Text(reference?["pipeline_version_id"]) is not { } versionId)
        {
            return new Dictionary<string, PipelineOutputLocation>();
        }
        var spec = await versions.SpecAsync(pipelineId, versionId, cancellationToken).ConfigureAwait(false);
        return spec is null ? new Dictionary<string, PipelineOutputLocation>() : KfpOutputLocations.Of(spec, root, status.RunId, status.Tasks);
    }

    public async Task CancelAsync(string runId, CancellationToken cancellationToken = default)
    {
        var status = await GetAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new MlopsException(ErrorCodes.KfpBackend.RunNotFound,
                $"There is no run '{runId}' on {api.Endpoint}: check the run id (dotnet run -- runs -e ENV lists them).");
        if (status.HasEnded)
        {
            return;
        }
        using var response = await api.SendAsync(HttpMethod.Post, $"runs/{Uri.EscapeDataString(runId)}:terminate", null, cancellationToken).ConfigureAwait(false);
        await api.EnsureSuccessAsync(response, $"terminate run {runId}", cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<PipelineRunStatus>> ListAsync(string? pipeline, int limit, CancellationToken cancellationToken = default)
    {
        string? pipelineId = null;
        if (pipeline is not null)
        {
            pipelineId = await versions.FindPipelineIdAsync(pipeline, cancellationToken).ConfigureAwait(false)
                ?? throw new MlopsException(ErrorCodes.KfpBackend.PipelineNotFound,
                    $"There is no pipeline '{pipeline}' on {api.Endpoint}: check its name, or submit it first (submit uploads it).");
        }
        var statuses = new List<PipelineRunStatus>();
        string? pageToken = null;
        for (var pages = 0; statuses.Count < limit && pages < MaxListPages; pages++)
        {
            var path = $"runs?page_size={PageSize}&sort_by={Uri.EscapeDataString("created_at desc")}" +
                (pageToken is null ? "" : "&page_token=" + Uri.EscapeDataString(pageToken));
            var page = await api.SendJsonAsync(HttpMethod.Get, path, null, "list runs", cancellationToken).ConfigureAwait(false);
            foreach (var run in (page["runs"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (statuses.Count < limit && (pipelineId is null || KfpApiClient.Text(run["pipeline_version_reference"]?["pipeline_id"]) == pipelineId))
                {
                    statuses.Add(await StatusAsync(run, cancellationToken).ConfigureAwait(false));
                }
            }
            pageToken = KfpApiClient.Text(page["next_page_token"]) is { Length: > 0 } next ? next : null;
            if (pageToken is null)
            {
                break;
            }
        }
        return statuses;
    }

    private async Task<JsonObject?> FindCreatedAsync(string displayName, string marker, CancellationToken cancellationToken)
    {
        var path = $"runs?page_size={PageSize}&filter={KfpApiClient.Filter("display_name", "EQUALS", displayName)}";
        var page = await api.SendJsonAsync(HttpMethod.Get, path, null, "look for the run just created", cancellationToken).ConfigureAwait(false);
        return (page["runs"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(run => KfpRunDescription.TryParse(KfpApiClient.Text(run["description"]))?.Marker == marker);
    }

    private async Task<PipelineRunStatus> StatusAsync(JsonObject run, CancellationToken cancellationToken)
    {
        var runId = KfpApiClient.Text(run["run_id"]) ?? throw new MlopsException(ErrorCodes.KfpBackend.UnexpectedAnswer,
            $"{api.Endpoint} answered a run without run_id: check that the runner endpoint is a Kubeflow Pipelines API (v2beta1).");
        var description = KfpRunDescription.TryParse(KfpApiClient.Text(run["description"]));
        var pipeline = description?.Pipeline is { Length: > 0 } named
            ? named
            : KfpApiClient.Text(run["pipeline_version_reference"]?["pipeline_id"]) is { } pipelineId
                ? await versions.PipelineNameAsync(pipelineId, cancellationToken).ConfigureAwait(false) ?? pipelineId
                : "";
        var state = KfpRuntimeState.RunState(KfpApiClient.Text(run["state"]));
        var tasks = (run["run_details"]?["task_details"] as JsonArray ?? []).OfType<JsonObject>().Select(TaskStatusOf).ToList();
        var failedTask = tasks.FirstOrDefault(t => t.State == PipelineTaskState.Failed && t.Error is not null);
        var created = Time(run["created_at"]) ?? DateTimeOffset.UtcNow;
        var started = (run["state_history"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(s => KfpApiClient.Text(s["state"]) == "RUNNING").Select(s => Time(s["update_time"])).FirstOrDefault(t => t is not null)
            ?? (state == PipelineRunState.Pending ? null : Time(run["scheduled_at"]) ?? created);
        var status = new PipelineRunStatus(runId, pipeline, state, created)
        {
            Started = started,
            Tasks = tasks,
            Error = failedTask is not null ? $"{failedTask.Name}: {failedTask.Error}" : KfpApiClient.Text(run["error"]?["message"]),
            TemplateUri = description?.TemplateUri,
            TemplateDigest = description?.TemplateDigest,
            Labels = description?.Labels ?? new Dictionary<string, string>(),
            Schedule = KfpApiClient.Text(run["recurring_run_id"]) is { Length: > 0 } schedule ? schedule : null,
        };
        return status.HasEnded ? status with { Ended = Time(run["finished_at"]) } : status;
    }

    private static PipelineTaskStatus TaskStatusOf(JsonObject task) =>
        new(KfpApiClient.Text(task["display_name"]) ?? KfpApiClient.Text(task["task_id"]) ?? "", KfpRuntimeState.TaskState(KfpApiClient.Text(task["state"])))
        {
            Error = KfpApiClient.Text(task["error"]?["message"]) is { Length: > 0 } message ? message : null,
        };

    /// <summary>An RFC 3339 time; null when absent or KFP's zero time (1970-01-01, what it answers for "not yet").</summary>
    private static DateTimeOffset? Time(JsonNode? node) =>
        KfpApiClient.Text(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            && time > DateTimeOffset.UnixEpoch
            ? time
            : null;
}
