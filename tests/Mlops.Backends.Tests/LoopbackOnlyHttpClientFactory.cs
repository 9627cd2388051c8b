using Google.Apis.Http;

namespace Mlops.Backends.Tests;

/// <summary>The transport of Google.Apis in these tests: a request to any host but loopback throws, so nothing leaves the machine.</summary>
internal sealed class LoopbackOnlyHttpClientFactory : HttpClientFactory
{
    protected override HttpMessageHandler CreateHandler(CreateHttpClientArgs args) => new Guard(base.CreateHandler(args));

    private sealed class Guard(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri is { IsLoopback: true }
                ? base.SendAsync(request, cancellationToken)
                : throw new InvalidOperationException($"A test's Google API request left the machine: {request.RequestUri}");
    }
}
