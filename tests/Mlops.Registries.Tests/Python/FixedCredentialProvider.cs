using Mlops.Registries.Auth;

namespace Mlops.Registries.Tests.Python;

/// <summary>Gives one credential for one host, and records the hosts asked for.</summary>
internal sealed class FixedCredentialProvider(string host, RegistryCredential credential) : IRegistryCredentialProvider
{
    public List<string> Asked { get; } = [];

    public Task<RegistryCredential?> GetAsync(string host1, CancellationToken cancellationToken = default)
    {
        Asked.Add(host1);
        return Task.FromResult(host1 == host ? credential : null);
    }
}
