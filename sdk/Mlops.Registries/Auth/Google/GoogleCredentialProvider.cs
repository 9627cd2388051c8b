using Mlops.Diagnostics;

namespace Mlops.Registries.Auth.Google;

/// <summary>
/// Artifact Registry's credential for its hosts (<c>*.pkg.dev</c>: <c>europe-west4-docker.pkg.dev</c>,
/// <c>europe-west4-kfp.pkg.dev</c>, <c>europe-west4-python.pkg.dev</c>, and <paramref name="extraHosts"/>): user
/// <c>oauth2accesstoken</c> with an access token, as the AR keyring and <c>docker login</c> send it. Null for other
/// hosts, so they go to the next provider or anonymous.
/// </summary>
public sealed class GoogleCredentialProvider(IAccessTokenSource tokens, IEnumerable<string>? extraHosts = null) : IRegistryCredentialProvider
{
    public const string AccessTokenUser = "oauth2accesstoken";

    private readonly HashSet<string> extra = new(extraHosts ?? [], StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="host"/> (host[:port]) is one of Google's registry hosts.</summary>
    public static bool IsGoogleRegistryHost(string host) =>
        HostName(host).EndsWith(".pkg.dev", StringComparison.OrdinalIgnoreCase);

    public async Task<RegistryCredential?> GetAsync(string host, CancellationToken cancellationToken = default)
    {
        if (!IsGoogleRegistryHost(host) && !extra.Contains(host))
        {
            return null;
        }
        string token;
        try
        {
            token = await tokens.GetAccessTokenAsync(cancellationToken);
        }
        catch (RegistryException e) when (e.Code == ErrorCodes.Registries.GoogleCredentialsNotFound)
        {
            throw new RegistryException(e.Code,
                $"{host} is a Google registry, and neither docker's config (credHelpers, auths) nor Google's application default credentials have a credential for it. {e.Message}", e);
        }
        return RegistryCredential.Basic(AccessTokenUser, token, tokens.Description);
    }

    private static string HostName(string host)
    {
        var colon = host.LastIndexOf(':');
        return colon > 0 && !host.EndsWith(']') ? host[..colon] : host;
    }
}
