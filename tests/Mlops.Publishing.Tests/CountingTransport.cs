using System.Collections.Concurrent;

namespace Mlops.Publishing.Tests;

/// <summary>
/// The real network under a registry client, counting what went out (bytes of blob uploads, the release ledger's
/// apart, as they are small entries and no image's) and injecting the
/// faults a test queues: a status for the next matching request, a connection dropped after its headers, or a
/// response body altered on its way in (<see cref="AlteredBody"/>: one byte flipped, or the connection lost mid-body).
/// </summary>
public sealed class CountingTransport(HttpMessageHandler? network = null)
    : DelegatingHandler(network ?? new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
{
    private readonly ConcurrentQueue<(Func<HttpRequestMessage, bool> When, int Status, bool Drop)> faults = new();
    private readonly ConcurrentQueue<(Func<HttpRequestMessage, bool> When, AlteredBody.Fault Fault)> bodyFaults = new();

    public long BlobBytesSent;

    /// <summary>Blob bytes sent to a release ledger's repository (<c>…/mlops-releases/…</c>).</summary>
    public long LedgerBytesSent;

    /// <summary>Method, path and query of every request, e.g. <c>POST /v2/team/train/blobs/uploads/?mount=sha256:…&amp;from=…</c>.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public void Fail(Func<HttpRequestMessage, bool> when, int status) => faults.Enqueue((when, status, false));

    public void Drop(Func<HttpRequestMessage, bool> when) => faults.Enqueue((when, 0, true));

    /// <summary>The next matching response's body arrives with one byte flipped (a source that lies about its content).</summary>
    public void Corrupt(Func<HttpRequestMessage, bool> when) => bodyFaults.Enqueue((when, AlteredBody.Fault.FlipByte));

    /// <summary>The next matching response's body breaks off halfway with a reset connection.</summary>
    public void DropMidBody(Func<HttpRequestMessage, bool> when) => bodyFaults.Enqueue((when, AlteredBody.Fault.DropHalfway));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue($"{request.Method} {request.RequestUri!.PathAndQuery}");
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
            if (request.RequestUri.AbsolutePath.Contains("/mlops-releases/", StringComparison.Ordinal))
            {
                Interlocked.Add(ref LedgerBytesSent, request.Content.Headers.ContentLength ?? 0);
            }
            else
            {
                Interlocked.Add(ref BlobBytesSent, request.Content.Headers.ContentLength ?? 0);
            }
        }
        var response = await base.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode && bodyFaults.TryPeek(out var bodyFault) && bodyFault.When(request) && bodyFaults.TryDequeue(out _))
        {
            response.Content = await AlteredBody.Of(response.Content, bodyFault.Fault, cancellationToken);
        }
        return response;
    }
}
