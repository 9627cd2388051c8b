using System.Security.Cryptography;
using Mlops.Diagnostics;

namespace Mlops.Registries.Oci;

/// <summary>
/// A blob read from a source registry on its way to a target, hashed as it streams through. The last bytes are
/// held back until the whole blob hashes to its digest: a source that serves other bytes (or fewer) fails with
/// MLOPS3026 before the target has received all of them, so the target never completes that upload.
/// </summary>
internal sealed class DigestVerifyingStream(Stream inner, ContentDigest digest, long size, string source) : ReadOnlyForwardStream
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long read;
    private bool verified;

    public override long Length => size;

    public override int Read(Span<byte> buffer)
    {
        var wanted = Remaining(buffer.Length);
        int n;
        try
        {
            n = inner.Read(buffer[..wanted]);
        }
        catch (IOException e)
        {
            throw Interrupted(e);
        }
        Check(buffer[..n], wanted);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var wanted = Remaining(buffer.Length);
        int n;
        try
        {
            n = await inner.ReadAsync(buffer[..wanted], cancellationToken);
        }
        catch (IOException e)
        {
            throw Interrupted(e);
        }
        Check(buffer.Span[..n], wanted);
        return n;
    }

    private int Remaining(int wanted) => (int)Math.Min(wanted, size - read);

    private void Check(ReadOnlySpan<byte> bytes, int wanted)
    {
        // Nothing asked, nothing read is not the end: a chunk of a chunked upload asks for 0 bytes at its own end.
        if (bytes.Length == 0 && wanted > 0)
        {
            throw Mismatch($"ended after {read} of the {size} bytes its manifest names");
        }
        hash.AppendData(bytes);
        read += bytes.Length;
        if (read == size && !verified)
        {
            verified = true;
            var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (actual != digest.Hex)
            {
                throw Mismatch($"hashes to sha256:{actual}");
            }
        }
    }

    private RegistryException Interrupted(IOException e) => new(ErrorCodes.Registries.OciBlobReadInterrupted,
        $"The connection to {source} ended after {read} of the {size} bytes of blob {digest} ({e.Message.TrimEnd('.')}); nothing was stored under it. Run again: a rerun copies only what is missing.");

    private RegistryException Mismatch(string what) => new(ErrorCodes.Registries.OciSourceContentMismatch,
        $"{source}@{digest} served a blob that {what}: the source registry, or a proxy in between, altered it. Nothing was stored under it in the target.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash.Dispose();
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
