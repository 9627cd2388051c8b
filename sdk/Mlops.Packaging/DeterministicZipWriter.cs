using System.IO.Compression;

namespace Mlops.Packaging;

/// <summary>
/// Writes zip entries that depend only on their names and bytes: a fixed time stamp and fixed Unix permissions
/// (rw-r--r--) instead of the clock and the platform's default, so equal inputs give byte-identical archives.
/// </summary>
internal sealed class DeterministicZipWriter(Stream output) : IDisposable
{
    // The earliest time a zip (DOS) time stamp can hold, as SOURCE_DATE_EPOCH tooling commonly uses.
    private static readonly DateTimeOffset FixedTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const int RegularFileRwRR = 0x81A4; // S_IFREG | 0644

    private readonly ZipArchive _archive = new(output, ZipArchiveMode.Create, leaveOpen: true);

    public void Add(string path, ReadOnlySpan<byte> content)
    {
        using var stream = Create(path).Open();
        stream.Write(content);
    }

    public void AddFile(string path, string sourceFile)
    {
        using var stream = Create(path).Open();
        using var source = File.OpenRead(sourceFile);
        source.CopyTo(stream);
    }

    private ZipArchiveEntry Create(string path)
    {
        var entry = _archive.CreateEntry(path, CompressionLevel.Optimal);
        entry.LastWriteTime = FixedTime;
        entry.ExternalAttributes = RegularFileRwRR << 16;
        return entry;
    }

    public void Dispose() => _archive.Dispose();
}
