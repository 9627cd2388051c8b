using System.Net;

namespace Mlops.Registries.Http;

/// <summary>
/// A response body whose every read must bring a byte within the stall timeout; a read that does not aborts the
/// connection and throws an <see cref="IOException"/>, the failure a dropped connection gives (so a blob copy's
/// retry, MLOPS3029, covers it).
/// </summary>
internal sealed class StallGuardedContent : HttpContent
{
    private readonly HttpContent inner;
    private readonly TimeSpan stallTimeout;
    private readonly Uri uri;

    public StallGuardedContent(HttpContent inner, TimeSpan stallTimeout, Uri uri)
    {
        (this.inner, this.stallTimeout, this.uri) = (inner, stallTimeout, uri);
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new GuardedStream(await inner.ReadAsStreamAsync(cancellationToken), this);

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var body = await CreateContentReadStreamAsync(cancellationToken);
        await body.CopyToAsync(stream, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = inner.Headers.ContentLength ?? -1;
        return length >= 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    private sealed class GuardedStream(Stream body, StallGuardedContent content) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            silence.CancelAfter(content.stallTimeout);
            try
            {
                return await body.ReadAsync(buffer, silence.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException && silence.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new IOException($"{content.uri.Authority} sent nothing for {content.stallTimeout.TotalSeconds:0.#} s: the connection stalled", e);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        // Synchronous readers (a JSON parse of a small answer) get the same guard.
        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                body.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
