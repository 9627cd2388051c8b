using Mlops.Registries.Auth.Google;

namespace Mlops.Registries.Auth;

/// <summary>
/// The credentials a publish uses unless told otherwise: what docker's config names for the host, then, for Google's
/// registry hosts, Google's application default credentials (so <c>credHelpers: gcloud</c> still wins where it is set).
/// Only docker's answers are kept for the process: Google.Apis.Auth keeps the access token itself and refreshes it
/// before it expires, which a kept credential would not.
/// </summary>
public static class RegistryCredentials
{
    /// <param name="impersonate">The environment's service account to impersonate for Google's registries, or null.</param>
    /// <param name="environment">The environment variables (default: the process's).</param>
    public static IRegistryCredentialProvider Default(string? impersonate = null, Func<string, string?>? environment = null) =>
        new ChainedCredentialProvider(
            new CachingCredentialProvider(new DockerConfigCredentialProvider(environment)),
            new GoogleCredentialProvider(new GoogleAccessTokenSource(impersonate, environment)));
}
