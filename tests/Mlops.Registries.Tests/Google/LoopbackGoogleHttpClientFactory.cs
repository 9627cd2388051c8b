using System.Collections.Concurrent;
using Google.Apis.Http;

namespace Mlops.Registries.Tests.Google;

/// <summary>
/// The transport under Google.Apis.Auth in these tests: requests to <c>*.googleapis.com</c> (the URLs the library
/// does not let a caller change: oauth2 for user credentials, iamcredentials for impersonation) go to the loopback
/// server, loopback requests go as they are, and any other host throws, so nothing leaves the machine.
/// </summary>
internal sealed class LoopbackGoogleHttpClientFactory(Uri loopback) : HttpClientFactory
{
    private readonly ConcurrentQueue<string> rewritten = new();

    /// <summary>The Google URLs that were sent to the loopback server instead, in order.</summary>
    public IReadOnlyList<string> Rewritten => [.. rewritten];

    protected override HttpMessageHandler CreateHandler(CreateHttpClientArgs args) => new Rewriting(base.CreateHandler(args), loopback, rewritten);

    private sealed class Rewriting(HttpMessageHandler inner, Uri loopback, ConcurrentQueue<string> rewritten) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (uri.Host.EndsWith(".googleapis.com", StringComparison.OrdinalIgnoreCase))
            {
                rewritten.Enqueue(uri.GetLeftPart(UriPartial.Path));
                request.RequestUri = new UriBuilder(uri) { Scheme = loopback.Scheme, Host = loopback.Host, Port = loopback.Port }.Uri;
            }
            else if (!uri.IsLoopback)
            {
                throw new InvalidOperationException($"A test's Google.Apis.Auth request left the machine: {uri}");
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
