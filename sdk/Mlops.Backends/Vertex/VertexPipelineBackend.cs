using System.Net;
using System.Text.Json.Nodes;
using Mlops.Diagnostics;
using Mlops.Environments;
using Mlops.Registries.Auth;
using Mlops.Registries.Http;

namespace Mlops.Backends.Vertex;

/// <summary>
/// Vertex AI Pipelines as a backend, over the REST API v1 (<c>projects.locations.pipelineJobs</c>) of the environment's
/// project and region. A run is created from the published template pinned by version (its spec sent inline, as the
/// aiplatform SDK does) with the runner's pipeline root, service account, network, labels and encryption key; its id is
/// the job's resource name. Creates ask for a job id, so one sent again after a lost answer finds the first job
/// (409 ALREADY_EXISTS, then a read) instead of making a second.
/// </summary>
public sealed class VertexPipelineBackend : IPipelineBackend
{
    public const int ListPageSize = 100;

    private readonly EnvironmentDefinition environment;
    private readonly VertexApi api;
    private readonly TimeProvider clock;

    /// <param name="tokens">Google access tokens (the real one is <see cref="Registries.Auth.Google.GoogleAccessTokenSource"/>).</param>
    /// <param name="transport">Where requests go (default: sockets); the retrying handler wraps it.</param>
    /// <param name="clock">For the job id made from the pipeline's name when the request gives none.</param>
    public VertexPipelineBackend(EnvironmentDefinition environment, IAccessTokenSource tokens, HttpMessageHandler? transport = null,
        RetrySettings? retries = null, TimeProvider? clock = null)
    {
        this.environment = environment;
        api = new VertexApi(VertexLocation.Of(environment), RegistryHttpClient.Create(retries, transport), tokens);
        this.clock = clock ?? TimeProvider.System;
    }

    public string Kind => EnvironmentRunner.Vertex;

    public async Task<PipelineRunStatus> SubmitAsync(PipelineRunRequest request, CancellationToken cancellationToken = default)
    {
        var body = VertexPipelineJobBody.Create(request, environment.Runner);
        var id = request.RunId is { Length: > 0 } given
            ? VertexJobId.Validate(given, "the run id")
            : VertexJobId.Derive(Text(body["pipelineSpec"]?["pipelineInfo"]?["name"]) ?? request.PipelineName, clock.GetUtcNow());
        var collection = api.Location.Parent + "/pipelineJobs";
        var created = await api.SendAsync(HttpMethod.Post, collection, "?pipelineJobId=" + Uri.EscapeDataString(id), body, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (created.IsSuccess)
        {
            return VertexJobStatus.Read(created.Body);
        }
        if (created.Status != HttpStatusCode.Conflict && created.ErrorStatus != "ALREADY_EXISTS")
        {
            throw api.Refusal(created, $"create pipeline job {id} of '{request.PipelineName}'");
        }
        // A create whose answer was lost and that the client sent again: the first made the job. Anything else by that id is not ours.
        var existing = await api.SendAsync(HttpMethod.Get, $"{collection}/{id}", cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!existing.IsSuccess)
        {
            throw api.Refusal(existing, $"read pipeline job {id}, which Vertex AI says exists");
        }
        if (!IsSameRun(existing.Body, body))
        {
            throw new MlopsException(ErrorCodes.Vertex.JobIdTaken,
                $"Pipeline job {collection}/{id} already exists and is another run (another template or parameters): give the run another id, " +
                "or leave the id out so one is made from the pipeline's name and the time.");
        }
        return VertexJobStatus.Read(existing.Body);
    }

    public async Task<PipelineRunStatus?> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        var name = api.Location.ResourceName("pipelineJobs", runId, "pipeline job");
        var response = await api.SendAsync(HttpMethod.Get, name, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
        return response.IsSuccess ? VertexJobStatus.Read(response.Body) : throw api.Refusal(response, $"read pipeline job {name}");
    }

    public async Task CancelAsync(string runId, CancellationToken cancellationToken = default)
    {
        var name = api.Location.ResourceName("pipelineJobs", runId, "pipeline job");
        var response = await api.SendAsync(HttpMethod.Post, name + ":cancel", body: [], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess)
        {
            return;
        }
        // A job that already ended cannot be cancelled (FAILED_PRECONDITION): it stays as it is, which is what was asked.
        if (response.ErrorStatus == "FAILED_PRECONDITION" && await GetAsync(name, cancellationToken).ConfigureAwait(false) is { HasEnded: true })
        {
            return;
        }
        throw api.Refusal(response, $"cancel pipeline job {name}");
    }

    public async Task<IReadOnlyList<PipelineRunStatus>> ListAsync(string? pipeline, int limit, CancellationToken cancellationToken = default)
    {
        var runs = new List<PipelineRunStatus>();
        var filter = pipeline is null ? "" : "&filter=" + Uri.EscapeDataString($"pipeline_name=\"{pipeline.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        string? token = null;
        while (runs.Count < limit)
        {
            var query = $"?pageSize={Math.Min(ListPageSize, limit - runs.Count)}&orderBy={Uri.EscapeDataString("create_time desc")}{filter}"
                + (token is null ? "" : "&pageToken=" + Uri.EscapeDataString(token));
            var page = await api.SendAsync(HttpMethod.Get, api.Location.Parent + "/pipelineJobs", query, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!page.IsSuccess)
            {
                throw api.Refusal(page, $"list the pipeline jobs{(pipeline is null ? "" : $" of '{pipeline}'")}");
            }
            runs.AddRange((page.Body["pipelineJobs"] as JsonArray ?? []).OfType<JsonObject>().Select(VertexJobStatus.Read));
            token = Text(page.Body["nextPageToken"]) is { Length: > 0 } next ? next : null;
            if (token is null)
            {
                break;
            }
        }
        return runs.Take(limit).ToList();
    }

    private static bool IsSameRun(JsonObject existing, JsonObject sent) =>
        Text(existing["templateUri"]) == Text(sent["templateUri"])
        && JsonNode.DeepEquals(existing["runtimeConfig"]?["parameterValues"] ?? new JsonObject(), sent["runtimeConfig"]?["parameterValues"] ?? new JsonObject());

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
