namespace Mlops.Registries.Oci;

/// <summary>
/// The next <c>length</c> bytes of a stream, read through (never buffered whole), reporting the position in the
/// whole blob as they go: one chunk of a chunked upload, or all of a monolithic one.
/// </summary>
internal sealed class BoundedStream(Stream inner, long length, IProgress<long>? progress, long offset) : Stream
{
    private long read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int start, int count) => Read(buffer.AsSpan(start, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, length - read)]);
        Advance(n);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, length - read)], cancellationToken);
        Advance(n);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int start, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(start, count), cancellationToken).AsTask();

    private void Advance(int n)
    {
        read += n;
        if (n > 0)
        {
            progress?.Report(offset + read);
        }
    }

    public override void Flush() { }
    public override long Seek(long position, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int start, int count) => throw new NotSupportedException();
}
