using System.Net.Http.Headers;
using System.Text;
using Mlops.Registries.Auth;

namespace Mlops.Registries.Python;

/// <summary>
/// The Authorization header twine and pip send: Basic user and password. Artifact Registry takes an access token as
/// the password of the user <c>oauth2accesstoken</c>, so a bearer credential for a <c>*.pkg.dev</c> host is sent that way.
/// </summary>
internal static class PythonRepositoryAuthorization
{
    public const string AccessTokenUser = "oauth2accesstoken";

    public static AuthenticationHeaderValue? For(string host, RegistryCredential? credential)
    {
        if (credential is null)
        {
            return null;
        }
        if (credential.UserName is { } user && credential.Password is { } password)
        {
            return Basic(user, password);
        }
        if (credential.BearerToken is { } token)
        {
            return IsArtifactRegistry(host) ? Basic(AccessTokenUser, token) : new AuthenticationHeaderValue("Bearer", token);
        }
        return null;
    }

    private static bool IsArtifactRegistry(string host)
    {
        var name = host.Split(':')[0];
        return name.EndsWith(".pkg.dev", StringComparison.OrdinalIgnoreCase);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
