using System.Net;
using Google.Apis.Http;

namespace Mlops.Registries.Auth.Google;

/// <summary>
/// Remembers the last unsuccessful response of a token endpoint (host and status) under Google.Apis.Auth's HTTP
/// clients, so a failure can be named even when the library loses the status (an error response without a JSON
/// body makes its <c>TokenResponseException</c> constructor throw a NullReferenceException instead).
/// </summary>
internal sealed class FailedTokenResponses(IHttpClientFactory inner) : IHttpClientFactory, IConfigurableHttpClientInitializer, IHttpUnsuccessfulResponseHandler
{
    private (string Host, HttpStatusCode Status)? last;

    public (string Host, HttpStatusCode Status)? Last => last;

    public void Forget() => last = null;

    public ConfigurableHttpClient CreateHttpClient(CreateHttpClientArgs args)
    {
        args.Initializers.Add(this);
        return inner.CreateHttpClient(args);
    }

    public void Initialize(ConfigurableHttpClient httpClient) => httpClient.MessageHandler.AddUnsuccessfulResponseHandler(this);

    public Task<bool> HandleResponseAsync(HandleUnsuccessfulResponseArgs args)
    {
        last = (args.Request.RequestUri?.Authority ?? "", args.Response.StatusCode);
        return Task.FromResult(false);
    }
}
