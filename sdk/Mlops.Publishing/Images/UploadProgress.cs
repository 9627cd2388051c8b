using System.Diagnostics;

namespace Mlops.Publishing.Images;

/// <summary>A progress line for a long upload: at most one every 5 seconds, with the share of the bytes sent.</summary>
internal sealed class UploadProgress(TextWriter output, string target, long total)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private TimeSpan last = TimeSpan.Zero;

    /// <summary>Reports positions within one blob that starts after <paramref name="before"/> bytes of the whole.</summary>
    public IProgress<long> For(long before) => new Reporter(this, before);

    private void Report(long sent)
    {
        if (clock.Elapsed - last < TimeSpan.FromSeconds(5) || total == 0)
        {
            return;
        }
        last = clock.Elapsed;
        output.WriteLine($"  uploading {target}: {sent * 100 / total}% of {total / (1024 * 1024)} MiB");
    }

    private sealed class Reporter(UploadProgress owner, long before) : IProgress<long>
    {
        public void Report(long value) => owner.Report(before + value);
    }
}
