using Mlops.Diagnostics;
using System.Diagnostics;

namespace Mlops.Registries.Local;

/// <summary>
/// An exclusive lock between processes (and within one): a lock file opened with <see cref="FileShare.None"/>,
/// which .NET enforces on Windows by sharing mode and on Unix with <c>flock</c>, so a crashed holder releases it.
/// The file stays on disk; deleting it would let two writers lock two different files.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromMilliseconds(200);

    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    public static async Task<FileLock> AcquireAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var waited = Stopwatch.StartNew();
        var delay = FirstRetryDelay;
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1));
            }
            catch (IOException e) when (e is not DirectoryNotFoundException)
            {
                if (waited.Elapsed >= timeout)
                {
                    throw new RegistryException(ErrorCodes.Registries.LockTimeout,
                        $"Another publish held the lock '{path}' for more than {timeout.TotalSeconds:0.#} s. Retry when it has finished; " +
                        "if no publish is running, end the process that keeps the file open.", e);
                }
            }
            // Jitter keeps writers that collided from retrying in lock step.
            await Task.Delay(delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 3)), cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetryDelay.Ticks));
        }
    }

    public void Dispose() => _stream.Dispose();
}
