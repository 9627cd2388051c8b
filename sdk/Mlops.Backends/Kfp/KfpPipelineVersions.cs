using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Mlops.Diagnostics;

namespace Mlops.Backends.Kfp;

/// <summary>A pipeline version on the backend, as a run's <c>pipeline_version_reference</c> names it.</summary>
internal sealed record KfpPipelineVersion(string PipelineId, string PipelineVersionId, string Name)
{
    public JsonObject Reference() => new() { ["pipeline_id"] = PipelineId, ["pipeline_version_id"] = PipelineVersionId };
}

/// <summary>
/// Pipelines and their versions on a KFP backend. A published template becomes the version named after its digest
/// (<see cref="VersionName"/>) of the pipeline named like the template: the pipeline is uploaded once (which makes
/// its first version too, named by KFP), each digest once; a 409 means someone created it since we looked.
/// </summary>
internal sealed class KfpPipelineVersions(KfpApiClient api)
{
    private readonly ConcurrentDictionary<string, string> pipelineIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> pipelineNames = new(StringComparer.Ordinal);

    /// <summary><c>sha256-HEX</c>: the digest with the colon KFP's Kubernetes-native store refuses in names.</summary>
    public static string VersionName(ContentDigest digest) => "sha256-" + digest.Hex;

    public async Task<KfpPipelineVersion> EnsureAsync(string pipeline, ReadOnlyMemory<byte> ir, ContentDigest digest, CancellationToken cancellationToken)
    {
        var pipelineId = await FindPipelineIdAsync(pipeline, cancellationToken).ConfigureAwait(false)
            ?? await UploadPipelineAsync(pipeline, ir, cancellationToken).ConfigureAwait(false);
        var name = VersionName(digest);
        return await FindVersionAsync(pipelineId, name, cancellationToken).ConfigureAwait(false)
            ?? await UploadVersionAsync(pipeline, pipelineId, name, ir, digest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The id of the pipeline named <paramref name="pipeline"/>; null when the backend has none.</summary>
    public async Task<string?> FindPipelineIdAsync(string pipeline, CancellationToken cancellationToken)
    {
        if (pipelineIds.TryGetValue(pipeline, out var known))
        {
            return known;
        }
        var found = await api.GetOrNullAsync($"pipelines/names/{Uri.EscapeDataString(pipeline)}", $"look up pipeline '{pipeline}'", cancellationToken).ConfigureAwait(false);
        return found is null ? null : Remember(found);
    }

    /// <summary>The name of the pipeline with id <paramref name="pipelineId"/>; null when the backend has none.</summary>
    public async Task<string?> PipelineNameAsync(string pipelineId, CancellationToken cancellationToken)
    {
        if (pipelineNames.TryGetValue(pipelineId, out var known))
        {
            return known;
        }
        var found = await api.GetOrNullAsync($"pipelines/{Uri.EscapeDataString(pipelineId)}", "read a pipeline", cancellationToken).ConfigureAwait(false);
        return found is null ? null : KfpApiClient.Text(found["name"]) is { } name ? pipelineNames[pipelineId] = name : null;
    }

    /// <summary>The version's <c>pipeline_spec</c> as the backend keeps it; null when it has no such version or spec.</summary>
    public async Task<JsonObject?> SpecAsync(string pipelineId, string pipelineVersionId, CancellationToken cancellationToken)
    {
        var version = await api.GetOrNullAsync($"pipelines/{Uri.EscapeDataString(pipelineId)}/versions/{Uri.EscapeDataString(pipelineVersionId)}",
            "read a pipeline version", cancellationToken).ConfigureAwait(false);
        return version?["pipeline_spec"] as JsonObject;
    }

    private async Task<string> UploadPipelineAsync(string pipeline, ReadOnlyMemory<byte> ir, CancellationToken cancellationToken)
    {
        var query = $"pipelines/upload?name={Uri.EscapeDataString(pipeline)}&display_name={Uri.EscapeDataString(pipeline)}";
        using var response = await api.SendAsync(HttpMethod.Post, query, await UploadFileAsync(pipeline, ir, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            // Uploaded since we looked (or by our own first try, whose answer was lost): it is there now.
            return await FindPipelineIdAsync(pipeline, cancellationToken).ConfigureAwait(false)
                ?? throw KfpApiClient.Unexpected(response, $"it answered 409 for pipeline '{pipeline}', which it then did not find by name");
        }
        await api.EnsureSuccessAsync(response, $"upload pipeline '{pipeline}'", cancellationToken).ConfigureAwait(false);
        return Remember(await KfpApiClient.ReadJsonAsync(response, cancellationToken).ConfigureAwait(false), response);
    }

    private async Task<KfpPipelineVersion?> FindVersionAsync(string pipelineId, string name, CancellationToken cancellationToken)
    {
        var path = $"pipelines/{Uri.EscapeDataString(pipelineId)}/versions?page_size=1&filter={KfpApiClient.Filter("name", "EQUALS", name)}";
        var page = await api.SendJsonAsync(HttpMethod.Get, path, null, "list pipeline versions", cancellationToken).ConfigureAwait(false);
        return (page["pipeline_versions"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(v => KfpApiClient.Text(v["name"]) == name && KfpApiClient.Text(v["pipeline_version_id"]) is not null)
            .Select(v => new KfpPipelineVersion(pipelineId, KfpApiClient.Text(v["pipeline_version_id"])!, name))
            .FirstOrDefault();
    }

    private async Task<KfpPipelineVersion> UploadVersionAsync(string pipeline, string pipelineId, string name, ReadOnlyMemory<byte> ir, ContentDigest digest, CancellationToken cancellationToken)
    {
        var query = $"pipelines/upload_version?pipelineid={Uri.EscapeDataString(pipelineId)}&name={Uri.EscapeDataString(name)}" +
            $"&display_name={Uri.EscapeDataString(name)}&description={Uri.EscapeDataString($"{pipeline} {digest}")}";
        using var response = await api.SendAsync(HttpMethod.Post, query, await UploadFileAsync(pipeline, ir, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return await FindVersionAsync(pipelineId, name, cancellationToken).ConfigureAwait(false)
                ?? throw KfpApiClient.Unexpected(response, $"it answered 409 for version '{name}', which it then did not list");
        }
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            pipelineIds.TryRemove(pipeline, out _);
            throw new MlopsException(ErrorCodes.KfpBackend.PipelineNotFound,
                $"Pipeline '{pipeline}' was deleted from {api.Endpoint} while its version was uploaded: submit again.");
        }
        await api.EnsureSuccessAsync(response, $"upload a version of pipeline '{pipeline}'", cancellationToken).ConfigureAwait(false);
        var version = await KfpApiClient.ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return new KfpPipelineVersion(pipelineId,
            KfpApiClient.Text(version["pipeline_version_id"]) ?? throw KfpApiClient.Unexpected(response, "the version has no pipeline_version_id"), name);
    }

    /// <summary>The multipart body with the IR in the field <c>uploadfile</c>, buffered so a 429 or 5xx can be answered by sending it again.</summary>
    private static async Task<HttpContent> UploadFileAsync(string pipeline, ReadOnlyMemory<byte> ir, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent("mlops-" + Guid.NewGuid().ToString("N"));
        var file = new ByteArrayContent(ir.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/x-yaml");
        form.Add(file, "uploadfile", pipeline + ".yaml");
        var body = new ByteArrayContent(await form.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        body.Headers.ContentType = form.Headers.ContentType;
        return body;
    }

    private string Remember(JsonObject pipeline, HttpResponseMessage? response = null)
    {
        var id = KfpApiClient.Text(pipeline["pipeline_id"]);
        var name = KfpApiClient.Text(pipeline["name"]);
        if (id is null || name is null)
        {
            throw new MlopsException(ErrorCodes.KfpBackend.UnexpectedAnswer,
                $"{response?.RequestMessage?.RequestUri?.ToString() ?? api.ApiRoot.ToString()} answered a pipeline without pipeline_id or name: check that the runner endpoint is a Kubeflow Pipelines API (v2beta1).");
        }
        pipelineIds[name] = id;
        pipelineNames[id] = name;
        return id;
    }
}
