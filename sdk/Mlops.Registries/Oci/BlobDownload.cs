namespace Mlops.Registries.Oci;

/// <summary>
/// The body of a blob GET, read as it arrives; disposing it releases the response (and its connection).
/// <see cref="Stream.Length"/> is the Content-Length the registry (or the storage it redirected to) declared; it throws when none was.
/// </summary>
internal sealed class BlobDownload(HttpResponseMessage response, Stream body) : ReadOnlyForwardStream
{
    public long? DeclaredLength => response.Content.Headers.ContentLength;

    public override long Length => DeclaredLength ?? throw new NotSupportedException();

    public override int Read(Span<byte> buffer) => body.Read(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => body.ReadAsync(buffer, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            body.Dispose();
            response.Dispose();
        }
        base.Dispose(disposing);
    }
}
