using System.Text.Json;
using Google.Apis.Auth.OAuth2;
using Mlops.Diagnostics;

namespace Mlops.Registries.Auth.Google;

/// <summary>
/// A Google credentials file as gcloud, the IAM console and <c>google-github-actions/auth</c> write them, loaded with
/// <see cref="CredentialFactory"/> by its <c>type</c> (never the obsolete <c>GoogleCredential.FromFile</c>, which takes
/// any type it is handed).
/// </summary>
internal static class GoogleCredentialFile
{
    private const string DefaultTokenHost = "oauth2.googleapis.com";
    private const string DefaultStsHost = "sts.googleapis.com";

    /// <param name="origin">Where the path came from, for messages: "GOOGLE_APPLICATION_CREDENTIALS (/path)".</param>
    public static ResolvedGoogleCredential Load(string path, string origin)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Invalid(origin, $"cannot be read ({e.GetType().Name}: {e.Message})");
        }
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw Invalid(origin, $"is not JSON (line {e.LineNumber + 1})");
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(origin, "is not a JSON object");
        }
        var type = Text(root, "type");
        try
        {
            return type switch
            {
                JsonCredentialParameters.ServiceAccountCredentialType => new(
                    CredentialFactory.FromJson<ServiceAccountCredential>(json).ToGoogleCredential(),
                    $"service account {Text(root, "client_email")} from {origin}", [HostOf(Text(root, "token_uri"), DefaultTokenHost)], CanImpersonate: true),
                // Google.Apis.Auth sends user credentials to oauth2.googleapis.com whatever their token_uri says.
                JsonCredentialParameters.AuthorizedUserCredentialType => new(
                    CredentialFactory.FromJson<UserCredential>(json).ToGoogleCredential(),
                    $"user credentials (client {Text(root, "client_id")}) from {origin}", [DefaultTokenHost], CanImpersonate: true),
                JsonCredentialParameters.ImpersonatedServiceAccountCredentialType => new(
                    CredentialFactory.FromJson<ImpersonatedCredential>(json).ToGoogleCredential(),
                    $"service account {TargetOf(Text(root, "service_account_impersonation_url"))} impersonated with the source credentials of {origin}",
                    [.. SourceEndpoints(root), HostOf(Text(root, "service_account_impersonation_url"), "iamcredentials.googleapis.com")], CanImpersonate: false),
                JsonCredentialParameters.ExternalAccountCredentialType => new(
                    CredentialFactory.FromJson(json, JsonCredentialParameters.ExternalAccountCredentialType),
                    $"workload identity federation ({Text(root, "audience")}){AsServiceAccount(root)} from {origin}",
                    [HostOf(Text(root, "token_url"), DefaultStsHost), .. Text(root, "service_account_impersonation_url") is { } url ? [HostOf(url, "")] : Array.Empty<string>()],
                    CanImpersonate: false),
                _ => throw Invalid(origin, type is null
                    ? "has no \"type\""
                    : $"has \"type\": \"{type}\", which is not supported (service_account, authorized_user, external_account, impersonated_service_account)"),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or System.Security.Cryptography.CryptographicException or Newtonsoft.Json.JsonException)
        {
            // Google.Apis.Auth's loading messages name the missing field; screened anyway, the file holds keys.
            var reason = SecretScreen.Pass(e.Message, Secrets(root)) is { } message ? $": {message}" : "";
            throw Invalid(origin, $"is a {type} credentials file Google.Apis.Auth cannot load ({e.GetType().Name}{reason})");
        }
    }

    private static RegistryException Invalid(string origin, string what) =>
        new(ErrorCodes.Registries.GoogleCredentialsFileInvalid,
            $"The Google credentials file {origin} {what}. Point GOOGLE_APPLICATION_CREDENTIALS at the file you meant, or write it again " +
            "(gcloud auth application-default login, a new service account key, or gcloud iam workload-identity-pools create-cred-config).");

    private static IEnumerable<string> SourceEndpoints(JsonElement root) =>
        root.TryGetProperty("source_credentials", out var source) && source.ValueKind == JsonValueKind.Object
            ? [Text(source, "type") == JsonCredentialParameters.ServiceAccountCredentialType ? HostOf(Text(source, "token_uri"), DefaultTokenHost) : DefaultTokenHost]
            : [];

    private static string AsServiceAccount(JsonElement root) =>
        Text(root, "service_account_impersonation_url") is { } url ? $" as service account {TargetOf(url)}" : "";

    /// <summary>The email in <c>…/serviceAccounts/EMAIL:generateAccessToken</c>.</summary>
    private static string TargetOf(string? url)
    {
        var name = url?.Split('/').LastOrDefault() ?? "";
        var colon = name.IndexOf(':');
        return colon > 0 ? Uri.UnescapeDataString(name[..colon]) : "(unnamed)";
    }

    internal static string HostOf(string? url, string fallback) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Authority : fallback;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<string> Secrets(JsonElement element)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var inner in Secrets(property.Value))
                {
                    yield return inner;
                }
            }
            else if (property.Name is "private_key" or "refresh_token" or "client_secret" && property.Value.GetString() is { Length: > 0 } secret)
            {
                yield return secret;
            }
        }
    }
}
