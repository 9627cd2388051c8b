using System.Net;
using System.Text.Json.Nodes;

namespace Mlops.Backends.Vertex;

/// <summary>
/// An answer of the Vertex AI API: its status, its JSON body, and for a refusal the google.rpc.Status it carries
/// (<c>{"error": {"code", "message", "status"}}</c>).
/// </summary>
internal sealed record VertexResponse(HttpMethod Method, Uri Url, HttpStatusCode Status, JsonObject Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>The canonical error name, e.g. <c>ALREADY_EXISTS</c>, <c>FAILED_PRECONDITION</c>; empty when there is none.</summary>
    public string ErrorStatus => Body["error"]?["status"] is JsonValue value && value.TryGetValue<string>(out var status) ? status : "";

    public string ErrorMessage => Body["error"]?["message"] is JsonValue value && value.TryGetValue<string>(out var message) ? message : "";
}
