using System.Net;
using Mlops.Diagnostics;

namespace Mlops.Registries.Http;

/// <summary>
/// Ends a try whose connection went silent: no byte of the request body written, no response header or body byte
/// read, for <see cref="RetrySettings.StallTimeout"/>. A silent network (a dropped route, a proxy that holds the
/// connection) sends no reset, so without this a push or a pull would wait for <see cref="HttpClient.Timeout"/> or
/// forever. The limit is on silence, not on the whole transfer: a large blob that keeps moving is never cut. A stall
/// while sending is a MLOPS3013 that <see cref="TransientFaults"/> counts as transient (so it is retried); a stall
/// while reading a body is an <see cref="IOException"/>, as a dropped connection is.
/// </summary>
public sealed class StallDetectionHandler(TimeSpan stallTimeout, HttpMessageHandler innerHandler) : DelegatingHandler(innerHandler)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        silence.CancelAfter(stallTimeout);
        var content = request.Content;
        // Only a streamed body needs its writes watched: a buffered one (a manifest) is small, and the whole try bounds it.
        if (content is StreamContent)
        {
            request.Content = new ProgressContent(content, () => silence.CancelAfter(stallTimeout));
        }
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, silence.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException
            && silence.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Stalled(request.RequestUri!, stallTimeout, e);
        }
        finally
        {
            // A retry sends the request again: it must find the content it was built with.
            request.Content = content;
        }
        response.Content = new StallGuardedContent(response.Content, stallTimeout, request.RequestUri!);
        return response;
    }

    /// <summary>MLOPS3013 for a try that stalled; it carries an <see cref="HttpRequestException"/>, so a retry loop sees a dropped connection.</summary>
    public static RegistryException Stalled(Uri uri, TimeSpan stallTimeout, Exception cause) => new(ErrorCodes.Registries.Stalled,
        $"{uri.Authority} sent and took nothing for {stallTimeout.TotalSeconds:0.#} s during {uri.AbsolutePath}, on every try: the connection stalled. " +
        "Check the network (or a proxy, VPN or firewall) between this machine and that host, and that the service is up; then run again (a rerun sends only what is missing).",
        new HttpRequestException(HttpRequestError.Unknown, "The connection stalled.", cause));

    /// <summary>Streamed request content that reports each write of its bytes to the network; still a StreamContent to whatever handler lies below.</summary>
    private sealed class ProgressContent : StreamContent
    {
        private readonly HttpContent inner;
        private readonly Action progressed;

        public ProgressContent(HttpContent inner, Action progressed) : base(Stream.Null)
        {
            (this.inner, this.progressed) = (inner, progressed);
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            inner.CopyToAsync(new ProgressStream(stream, progressed), cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = inner.Headers.ContentLength ?? -1;
            return length >= 0;
        }
    }

    private sealed class ProgressStream(Stream inner, Action progressed) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            progressed();
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            progressed();
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
