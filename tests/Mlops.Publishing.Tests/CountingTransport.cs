using System.Collections.Concurrent;

namespace Mlops.Publishing.Tests;

/// <summary>
/// The real network under a registry client, counting what went out (bytes of blob uploads) and injecting the
/// faults a test queues: a status for the next matching request, or a connection dropped after its headers.
/// </summary>
public sealed class CountingTransport(HttpMessageHandler? network = null)
    : DelegatingHandler(network ?? new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
{
    private readonly ConcurrentQueue<(Func<HttpRequestMessage, bool> When, int Status, bool Drop)> faults = new();

    public long BlobBytesSent;

    public ConcurrentQueue<string> Requests { get; } = new();

    public void Fail(Func<HttpRequestMessage, bool> when, int status) => faults.Enqueue((when, status, false));

    public void Drop(Func<HttpRequestMessage, bool> when) => faults.Enqueue((when, 0, true));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue($"{request.Method} {request.RequestUri!.AbsolutePath}");
        if (faults.TryPeek(out var fault) && fault.When(request) && faults.TryDequeue(out _))
        {
            if (fault.Drop)
            {
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "injected: the connection was dropped mid-blob", new IOException("connection reset"));
            }
            return new HttpResponseMessage((System.Net.HttpStatusCode)fault.Status) { RequestMessage = request };
        }
        if (request.Content is StreamContent && (request.Method == HttpMethod.Put || request.Method == HttpMethod.Patch))
        {
            Interlocked.Add(ref BlobBytesSent, request.Content.Headers.ContentLength ?? 0);
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
