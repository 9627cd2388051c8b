namespace Mlops.Registries.Local;

/// <summary>A complete copy of a file waiting to be moved to <see cref="Target"/>; disposing deletes it if it was not moved.</summary>
internal sealed class StagedFile(string tempPath, string target, byte[] hash) : IDisposable
{
    public string TempPath { get; } = tempPath;
    public string Target { get; } = target;
    public byte[] Hash { get; } = hash;

    public Task CommitAsync(CancellationToken cancellationToken) => AtomicFile.MoveAsync(TempPath, Target, cancellationToken);

    public void Dispose() => File.Delete(TempPath);
}
