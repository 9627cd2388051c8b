using System.Net.Http.Headers;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Http;
using Mlops.Registries.Auth;

namespace Mlops.Backends.Storage;

/// <summary>
/// Our <see cref="IAccessTokenSource"/> as the credential a Google API client takes: it puts
/// <c>Authorization: Bearer</c> on each request just before it is sent (the source refreshes the token), so the token
/// is asked for per request and kept nowhere else.
/// </summary>
internal sealed class AccessTokenCredential(IAccessTokenSource source) : ICredential, IHttpExecuteInterceptor
{
    public void Initialize(ConfigurableHttpClient httpClient) => httpClient.MessageHandler.AddExecuteInterceptor(this);

    public Task<string> GetAccessTokenForRequestAsync(string? authUri = null, CancellationToken cancellationToken = default) =>
        source.GetAccessTokenAsync(cancellationToken);

    public async Task InterceptAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await source.GetAccessTokenAsync(cancellationToken));
}
