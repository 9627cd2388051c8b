using Mlops.Registries.Auth;

namespace Mlops.Backends.Tests.Vertex;

/// <summary>A token source that hands out one given token, for a caller the server does not know.</summary>
internal sealed class FixedToken(string token) : IAccessTokenSource
{
    public string Description => "a fixed test token";

    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken = default) => Task.FromResult(token);
}
