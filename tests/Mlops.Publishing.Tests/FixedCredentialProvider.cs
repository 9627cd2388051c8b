using Mlops.Registries.Auth;

namespace Mlops.Publishing.Tests;

/// <summary>The same credential for every host.</summary>
public sealed class FixedCredentialProvider(RegistryCredential credential) : IRegistryCredentialProvider
{
    public Task<RegistryCredential?> GetAsync(string host, CancellationToken cancellationToken = default) => Task.FromResult<RegistryCredential?>(credential);
}
