namespace Mlops.Registries.Auth;

/// <summary>
/// What a registry is sent to prove who is asking: a user name and password (or a service account key, or
/// <c>oauth2accesstoken</c> with an access token, as Artifact Registry takes them), an identity token to exchange at
/// a token endpoint, or a bearer token to send as it is. Its <see cref="ToString"/> never shows a secret, so it can
/// be logged or put in an exception by mistake without leaking.
/// </summary>
public sealed record RegistryCredential
{
    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>A refresh token (docker's <c>identitytoken</c>, a credential helper's <c>&lt;token&gt;</c> user).</summary>
    public string? IdentityToken { get; init; }

    /// <summary>An access token to send as <c>Authorization: Bearer</c> without a handshake (e.g. Google's).</summary>
    public string? BearerToken { get; init; }

    /// <summary>Where it came from, for messages: <c>~/.docker/config.json auths</c>, <c>docker-credential-gcloud</c>, ….</summary>
    public string Source { get; init; } = "";

    public static RegistryCredential Basic(string userName, string password, string source) =>
        new() { UserName = userName, Password = password, Source = source };

    public static RegistryCredential Bearer(string token, string source) => new() { BearerToken = token, Source = source };

    public override string ToString() =>
        $"credential from {(Source.Length == 0 ? "an unnamed source" : Source)}{(UserName is null ? "" : $" for user '{UserName}'")}";
}
