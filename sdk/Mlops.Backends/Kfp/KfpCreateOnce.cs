using System.Text.Json.Nodes;
using Mlops.Registries.Http;

namespace Mlops.Backends.Kfp;

/// <summary>
/// A create (a run, a recurring run) that is never made twice. KFP has no request id, so the body is sent without
/// the HTTP client's own retries, and before it is sent again (after a dropped connection, a 5xx, a 429) the caller's
/// lookup looks for what the first try may have created: the display name and the marker in its description.
/// </summary>
internal static class KfpCreateOnce
{
    public static async Task<JsonObject> CreateAsync(KfpApiClient api, string collection, JsonObject body, string action,
        Func<CancellationToken, Task<JsonObject?>> findCreated, RetrySettings retries, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0 && await findCreated(cancellationToken).ConfigureAwait(false) is { } created)
            {
                return created;
            }
            HttpResponseMessage response;
            try
            {
                response = await api.SendRawAsync(HttpMethod.Post, collection, KfpApiClient.JsonOnce(body), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (TransientFaults.IsTransient(e, cancellationToken))
            {
                if (attempt >= retries.MaxRetries)
                {
                    throw api.Unreachable(HttpMethod.Post, collection, e);
                }
                await Task.Delay(retries.DelayBefore(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }
            using (response)
            {
                if (TransientFaults.IsTransient(response.StatusCode) && attempt < retries.MaxRetries)
                {
                    var wait = TransientFaults.RetryAfter(response, retries.MaxRetryAfter) ?? retries.DelayBefore(attempt);
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                await api.EnsureSuccessAsync(response, action, cancellationToken).ConfigureAwait(false);
                return await KfpApiClient.ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
