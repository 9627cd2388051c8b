namespace Mlops.Registries.Auth;

/// <summary>Asks each provider in turn; the first credential found wins.</summary>
public sealed class ChainedCredentialProvider(params IRegistryCredentialProvider[] providers) : IRegistryCredentialProvider
{
    public async Task<RegistryCredential?> GetAsync(string host, CancellationToken cancellationToken = default)
    {
        foreach (var provider in providers)
        {
            if (await provider.GetAsync(host, cancellationToken) is { } credential)
            {
                return credential;
            }
        }
        return null;
    }
}
