namespace Mlops.Registries.Auth;

/// <summary>
/// Finds the credential for a registry host (<c>europe-west4-docker.pkg.dev</c>, <c>127.0.0.1:5055</c>) the way the
/// user already has it configured: environment, docker's config.json (<c>auths</c>, <c>credHelpers</c>,
/// <c>credsStore</c>), Google application default credentials for <c>*.pkg.dev</c>.
/// </summary>
public interface IRegistryCredentialProvider
{
    /// <summary>The credential for <paramref name="host"/> (host and optional port, no scheme or path), or null when there is none: then requests go anonymous.</summary>
    Task<RegistryCredential?> GetAsync(string host, CancellationToken cancellationToken = default);
}
