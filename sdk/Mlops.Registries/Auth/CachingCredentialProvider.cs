using System.Collections.Concurrent;

namespace Mlops.Registries.Auth;

/// <summary>Looks a host's credential up once per process (a credential helper is a process start).</summary>
public sealed class CachingCredentialProvider(IRegistryCredentialProvider inner) : IRegistryCredentialProvider
{
    private readonly ConcurrentDictionary<string, Task<RegistryCredential?>> found = new(StringComparer.OrdinalIgnoreCase);

    public Task<RegistryCredential?> GetAsync(string host, CancellationToken cancellationToken = default) =>
        found.GetOrAdd(host, h => inner.GetAsync(h, cancellationToken));
}
