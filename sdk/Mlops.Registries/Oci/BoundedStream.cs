namespace Mlops.Registries.Oci;

/// <summary>
/// The next <c>length</c> bytes of a stream, read through (never buffered whole), reporting the position in the
/// whole blob as they go: one chunk of a chunked upload, or all of a monolithic one.
/// </summary>
internal sealed class BoundedStream(Stream inner, long length, IProgress<long>? progress, long offset) : ReadOnlyForwardStream
{
    private long read;

    public override long Length => length;

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

    private void Advance(int n)
    {
        read += n;
        if (n > 0)
        {
            progress?.Report(offset + read);
        }
    }
}
