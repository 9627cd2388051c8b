namespace Mlops.Publishing.Tests;

/// <summary>A response body passed on as it streams, with a fault injected: its first byte flipped, or a reset connection halfway through.</summary>
public sealed class AlteredBody : Stream
{
    public enum Fault { FlipByte, DropHalfway }

    private readonly Stream inner;
    private readonly Fault fault;
    private readonly long length;
    private long read;

    private AlteredBody(Stream inner, Fault fault, long length) => (this.inner, this.fault, this.length) = (inner, fault, length);

    public static async Task<HttpContent> Of(HttpContent original, Fault fault, CancellationToken cancellationToken)
    {
        var altered = new StreamContent(new AlteredBody(await original.ReadAsStreamAsync(cancellationToken), fault, original.Headers.ContentLength ?? 0));
        foreach (var header in original.Headers)
        {
            altered.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        return altered;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (fault == Fault.DropHalfway && read >= length / 2)
        {
            throw new IOException("injected: the connection was reset mid-body");
        }
        var n = await inner.ReadAsync(buffer, cancellationToken);
        if (fault == Fault.FlipByte && read == 0 && n > 0)
        {
            buffer.Span[0] ^= 0xff;
        }
        read += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
