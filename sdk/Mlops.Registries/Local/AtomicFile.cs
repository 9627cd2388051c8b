using System.Security.Cryptography;

namespace Mlops.Registries.Local;

/// <summary>
/// Writes files so that a reader sees either the old content or the whole new content: write a temporary file in
/// the same folder (same volume, so the move is a rename), flush it to disk, then move it over the target.
/// </summary>
internal static class AtomicFile
{
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var temp = TempPathFor(path);
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            await MoveAsync(temp, path, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public static Task WriteAsync(string path, string text, CancellationToken cancellationToken) =>
        WriteAsync(path, System.Text.Encoding.UTF8.GetBytes(text), cancellationToken);

    /// <summary>Copies <paramref name="source"/> to a temporary file next to <paramref name="path"/>, hashing it on the way.</summary>
    public static async Task<StagedFile> StageCopyAsync(string source, string path, HashAlgorithmName hash, CancellationToken cancellationToken)
    {
        var temp = TempPathFor(path);
        try
        {
            using var hasher = IncrementalHash.CreateHash(hash);
            await using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan))
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hasher.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
                output.Flush(flushToDisk: true);
            }
            return new StagedFile(temp, path, hasher.GetHashAndReset());
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public static async Task MoveAsync(string temp, string path, CancellationToken cancellationToken)
    {
        // On Windows a reader that has the target open makes the replace fail for a moment; readers never hold it long.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                File.Move(temp, path, overwrite: true);
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException && attempt < 10)
            {
                await Task.Delay(10 * attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string TempPathFor(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        // A leading dot keeps temporary files out of every listing: package, tag and file names never start with one.
        return Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
    }
}
