using Google.Apis.Http;

namespace Mlops.Backends.Tests.Vertex;

/// <summary>The transport under Google.Apis.Auth here: a request to anything but loopback throws, so no test reaches Google.</summary>
internal sealed class LoopbackOnlyHttpClientFactory : HttpClientFactory
{
    protected override HttpMessageHandler CreateHandler(CreateHttpClientArgs args) => new Guard(base.CreateHandler(args));

    private sealed class Guard(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri is { IsLoopback: true }
                ? base.SendAsync(request, cancellationToken)
                : throw new InvalidOperationException($"A test's Google.Apis.Auth request left the machine: {request.RequestUri}");
    }
}
