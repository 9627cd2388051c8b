using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mlops.Diagnostics;
using Mlops.Environments;
using Mlops.Registries.Auth;

namespace Mlops.Backends.Kfp;

/// <summary>
/// The REST API v2beta1 of one Kubeflow Pipelines backend (<c>ENDPOINT/apis/v2beta1/</c>): snake_case JSON, the
/// bearer token when there is one, and refusals turned into coded messages that say what to change (never the token).
/// </summary>
internal sealed class KfpApiClient
{
    private readonly HttpClient http;
    private readonly IAccessTokenSource? tokens;
    private string? lastToken;

    public KfpApiClient(Uri endpoint, HttpClient http, IAccessTokenSource? tokens)
    {
        Endpoint = endpoint;
        ApiRoot = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/apis/v2beta1/");
        this.http = http;
        this.tokens = tokens;
    }

    public Uri Endpoint { get; }

    public Uri ApiRoot { get; }

    /// <summary>The API of <paramref name="environment"/>'s runner, which must be a <c>kfp</c> one with an endpoint.</summary>
    public static KfpApiClient For(EnvironmentDefinition environment, HttpClient http, IAccessTokenSource? tokens)
    {
        if (environment.Runner is not { Kind: EnvironmentRunner.Kfp, Endpoint: { } endpoint })
        {
            throw new MlopsException(ErrorCodes.KfpBackend.NotKfpRunner,
                $"Environment '{environment.Name}' has no Kubeflow Pipelines runner" +
                (environment.Runner is { Kind: var kind } && kind != EnvironmentRunner.Kfp ? $" (its runner is '{kind}')" : "") +
                ": give it \"runner\": { \"kind\": \"kfp\", \"endpoint\": \"http://HOST:8888/\" } in the environments file.");
        }
        if (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https"))
        {
            throw new MlopsException(ErrorCodes.KfpBackend.NotKfpRunner,
                $"The runner endpoint '{endpoint}' of environment '{environment.Name}' is not an http(s) URL: write the KFP API host, e.g. http://localhost:8888/.");
        }
        return new KfpApiClient(endpoint, http, tokens ?? KfpServiceAccountToken.FromEnvironment());
    }

    public string CredentialSource => tokens?.Description ?? "none: no token was sent";

    /// <summary>Sends a request; a connection that fails after the HTTP client's retries is thrown as is (for callers that retry themselves).</summary>
    public async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(ApiRoot, path)) { Content = content };
        if (tokens is not null)
        {
            lastToken = await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", lastToken);
        }
        return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a request; a connection that fails after the retries is reported as an unreachable backend.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        try
        {
            return await SendRawAsync(method, path, content, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(method, path, e);
        }
    }

    public MlopsException Unreachable(HttpMethod method, string path, Exception e) =>
        new(ErrorCodes.KfpBackend.Unreachable,
            $"{method} {new Uri(ApiRoot, path)} failed after the retries ({Redact(e.Message)}): check the environment's runner.endpoint and that the KFP API " +
            "is reachable from here (e.g. kubectl port-forward svc/ml-pipeline 8888:8888 -n kubeflow), then try again.");

    /// <summary>Sends JSON and returns the JSON answer; any refusal is thrown as a coded message.</summary>
    public async Task<JsonObject> SendJsonAsync(HttpMethod method, string path, JsonObject? body, string action, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, body is null ? null : Json(body), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, action, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GETs a resource; null when the backend answers 404.</summary>
    public async Task<JsonObject?> GetOrNullAsync(string path, string action, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        await EnsureSuccessAsync(response, action, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task EnsureSuccessAsync(HttpResponseMessage response, string action, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var request = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}";
        var reason = Redact(Shorten(await ReasonAsync(response, cancellationToken).ConfigureAwait(false)));
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new MlopsException(ErrorCodes.KfpBackend.Unauthorized,
                $"{Endpoint} refused the credential ({CredentialSource}) to {action} ({request} answered 401): give this process a valid token, " +
                $"a projected service account token with audience pipelines.kubeflow.org in the file {KfpServiceAccountToken.PathVariable} names " +
                $"(default {KfpServiceAccountToken.DefaultPath}), or reach the API where it needs none (a port-forward in single-user mode)."),
            HttpStatusCode.Forbidden => new MlopsException(ErrorCodes.KfpBackend.Forbidden,
                $"The identity of {CredentialSource} may not {action} on {Endpoint} ({request} answered 403: {reason}): give it access to the " +
                "namespace's pipelines (add it to the Kubeflow profile's contributors or bind it a role there)."),
            HttpStatusCode.BadRequest => new MlopsException(ErrorCodes.KfpBackend.RequestRefused,
                $"{Endpoint} refused to {action} ({request} answered 400: {reason}): fix what the backend says (a parameter value, the " +
                "environment's runner settings), then try again."),
            _ => new MlopsException(ErrorCodes.KfpBackend.RequestFailed,
                $"{request} answered {(int)response.StatusCode} {response.ReasonPhrase} ({reason}) when asked to {action}: " +
                $"try again when {Endpoint} is available, or fix what it says."),
        };
    }

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonNode.Parse(text.Length == 0 ? "{}" : text) as JsonObject ?? throw Unexpected(response, "the answer is not a JSON object");
        }
        catch (JsonException)
        {
            throw Unexpected(response, "the answer is not JSON");
        }
    }

    public static MlopsException Unexpected(HttpResponseMessage response, string why) =>
        new(ErrorCodes.KfpBackend.UnexpectedAnswer,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {why}; check that the runner endpoint is a Kubeflow Pipelines API (v2beta1).");

    /// <summary>Buffered JSON, so the retrying handler may send it again (for requests that are safe to repeat).</summary>
    public static ByteArrayContent Json(JsonObject body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>JSON the retrying handler does not send again: a create that may have happened is looked for before it is repeated.</summary>
    public static HttpContent JsonOnce(JsonObject body)
    {
        var content = new ReadOnlyMemoryContent(Encoding.UTF8.GetBytes(body.ToJsonString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>A <c>filter</c> query value: KFP's Filter message as JSON, one predicate on a string field.</summary>
    public static string Filter(string key, string operation, string value) =>
        Uri.EscapeDataString(new JsonObject
        {
            ["predicates"] = new JsonArray(new JsonObject { ["key"] = key, ["operation"] = operation, ["string_value"] = value }),
        }.ToJsonString());

    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // grpc-gateway answers google.rpc.Status: {"code": 3, "message": "...", "details": [...]}; older servers add "error".
            var json = JsonNode.Parse(text);
            return Text(json?["message"]) ?? Text(json?["error"]) ?? text;
        }
        catch (JsonException)
        {
            return text;
        }
    }

    private string Redact(string text) => lastToken is { Length: > 0 } token ? text.Replace(token, "<token>", StringComparison.Ordinal) : text;

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
