using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mlops.Diagnostics;
using Mlops.Registries.Auth;

namespace Mlops.Backends.Vertex;

/// <summary>
/// The Vertex AI REST API (v1) of one project and region: JSON requests with a Bearer token from
/// <see cref="IAccessTokenSource"/>, sent through the registries' retrying client, and refusals turned into coded
/// messages that say what to change (never the token).
/// </summary>
internal sealed class VertexApi(VertexLocation location, HttpClient http, IAccessTokenSource tokens)
{
    public VertexLocation Location => location;

    /// <param name="replayable">False sends the body as a stream, so the retrying handler does not send it again (a create without an id).</param>
    public async Task<VertexResponse> SendAsync(HttpMethod method, string resource, string query = "", JsonObject? body = null, bool replayable = true,
        CancellationToken cancellationToken = default)
    {
        var url = location.Url(resource, query);
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : Content(body, replayable) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false));
        request.Headers.Accept.ParseAdd("application/json");
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new VertexRequestException(method, url, e);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new VertexResponse(method, url, response.StatusCode, Parse(text, response.StatusCode, method, url));
        }
    }

    /// <summary>The coded exception for a refused call: what was refused, why (the service's message) and what to change.</summary>
    public MlopsException Refusal(VertexResponse response, string action)
    {
        var said = response.ErrorMessage is { Length: > 0 } message ? $": {Shorten(message)}" : "";
        var what = $"Vertex AI refused to {action} ({(int)response.Status} {response.ErrorStatus}{said})";
        var where = $"project {location.Project}, region {location.Region}";
        return response.Status switch
        {
            HttpStatusCode.Unauthorized => new MlopsException(ErrorCodes.Vertex.Unauthenticated,
                $"{what}. The access token from {tokens.Description} was not accepted: log in again (gcloud auth application-default login) " +
                "or check the credentials CI uses (workload identity federation)."),
            HttpStatusCode.Forbidden => new MlopsException(ErrorCodes.Vertex.PermissionDenied,
                $"{what}. Grant {tokens.Description} roles/aiplatform.user on project {location.Project} (and roles/iam.serviceAccountUser on the " +
                "runner's serviceAccount), or check the environment's project and region."),
            HttpStatusCode.NotFound => new MlopsException(ErrorCodes.Vertex.NotFound,
                $"{what}: nothing by that name in {where}. Check the name and the environment's project and region, and that the Vertex AI API is enabled there."),
            HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed => new MlopsException(ErrorCodes.Vertex.InvalidArgument,
                $"{what}. Change what the message names (the pipeline's parameters, the runner's settings in mlops.environments.json) and try again."),
            _ => new MlopsException(ErrorCodes.Vertex.RequestFailed,
                $"{what}, also after retries. Try again later; if it persists, check Vertex AI's status for region {location.Region}."),
        };
    }

    private static HttpContent Content(JsonObject body, bool replayable)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        HttpContent content = replayable ? new ByteArrayContent(bytes) : new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static JsonObject Parse(string text, HttpStatusCode status, HttpMethod method, Uri url)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        try
        {
            if (JsonNode.Parse(text) is JsonObject json)
            {
                return json;
            }
        }
        catch (JsonException)
        {
        }
        if ((int)status is >= 200 and < 300)
        {
            throw new MlopsException(ErrorCodes.Vertex.UnexpectedAnswer,
                $"{method} {url} answered {(int)status} with a body that is not a JSON object: check that the runner's endpoint is the Vertex AI API.");
        }
        return new JsonObject { ["error"] = new JsonObject { ["message"] = Shorten(text.Trim()) } };
    }

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
