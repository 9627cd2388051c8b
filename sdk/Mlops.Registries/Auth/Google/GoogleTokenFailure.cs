using System.Net;
using Google.Apis.Auth.OAuth2.Responses;
using Mlops.Diagnostics;

namespace Mlops.Registries.Auth.Google;

/// <summary>
/// Turns what Google.Apis.Auth throws when a token request fails into an MLOPS error naming the token endpoints, the
/// HTTP status and the OAuth error; never the token, assertion, key or refresh token it sent.
/// </summary>
internal static class GoogleTokenFailure
{
    /// <summary>The error to throw for <paramref name="error"/>, or null to let it through (a cancellation).</summary>
    /// <param name="lastFailure">The last unsuccessful response seen, for when the library's exception lost it.</param>
    public static RegistryException? Translate(Exception error, ResolvedGoogleCredential credential, string? impersonate, (string Host, HttpStatusCode Status)? lastFailure)
    {
        if (error is OperationCanceledException or RegistryException)
        {
            return null;
        }
        var endpoints = string.Join(" then ", credential.TokenEndpoints);
        var (status, oauthError, description) = error switch
        {
            TokenResponseException t => (t.StatusCode, t.Error?.Error, t.Error?.ErrorDescription),
            HttpRequestException h => (h.StatusCode, null, h.Message),
            _ => ((HttpStatusCode?)null, null, error is NullReferenceException ? null : error.Message),
        };
        status ??= lastFailure?.Status;
        if (lastFailure is { } failed && !credential.TokenEndpoints.Contains(failed.Host))
        {
            endpoints += $", answered by {failed.Host}";
        }
        var said = SecretScreen.Pass(description, [])?.TrimEnd('.');
        var detail = string.Join(", ", new[]
        {
            status is { } code ? $"HTTP {(int)code} {code}" : null,
            oauthError is { Length: > 0 } && SecretScreen.Pass(oauthError, []) is { } e ? e : null,
            said,
        }.Where(part => part is not null).Distinct());
        detail = detail.Length == 0 ? error.GetType().Name : detail;
        if (IsPermissionDenied(status, oauthError, said) && (impersonate is not null || credential.TokenEndpoints.Any(h => h.StartsWith("iamcredentials.", StringComparison.Ordinal))))
        {
            return new RegistryException(ErrorCodes.Registries.GoogleImpersonationDenied,
                $"Impersonation was denied ({detail}) for {credential.Description}. The caller needs roles/iam.serviceAccountTokenCreator on the target service account " +
                $"{impersonate ?? "(the one in the credentials file)"}: gcloud iam service-accounts add-iam-policy-binding TARGET --member=CALLER --role=roles/iam.serviceAccountTokenCreator",
                error);
        }
        return new RegistryException(ErrorCodes.Registries.GoogleTokenRequestFailed,
            $"Google's token endpoint ({endpoints}) refused or did not answer the token request for {credential.Description}: {detail}. {Hint(status, oauthError, error)}",
            error);
    }

    private static string Hint(HttpStatusCode? status, string? oauthError, Exception error) => (status, oauthError, error) switch
    {
        (_, "invalid_grant", _) => "The key was deleted or disabled, the refresh token was revoked (log in again: gcloud auth application-default login), the workload identity pool refused the subject token, or the clock is wrong.",
        (HttpStatusCode.TooManyRequests, _, _) => "Google is limiting token requests: try again later.",
        (null, _, HttpRequestException) => "Check the network, the proxy, and that the token endpoint (or the metadata server) is reachable from here.",
        _ => "Check that the credentials are still valid (a new key, or log in again), and the token endpoint in the credentials file.",
    };

    private static bool IsPermissionDenied(HttpStatusCode? status, string? oauthError, string? description) =>
        status == HttpStatusCode.Forbidden
        || string.Equals(oauthError, "PERMISSION_DENIED", StringComparison.OrdinalIgnoreCase)
        || (description?.Contains("PERMISSION_DENIED", StringComparison.Ordinal) ?? false)
        || (description?.Contains("iam.serviceAccounts.getAccessToken", StringComparison.Ordinal) ?? false);
}
