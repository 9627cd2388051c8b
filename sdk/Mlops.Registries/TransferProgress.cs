using System.Diagnostics;

namespace Mlops.Registries;

/// <summary>
/// A progress line for a long transfer (an upload, a registry-to-registry copy): at most one every 5 seconds, with
/// the share of the bytes moved, e.g. <c>  copying 127.0.0.1:5055/team/train: 40% of 200 MiB</c>.
/// </summary>
public sealed class TransferProgress(TextWriter output, string verb, string target, long total)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private TimeSpan last = TimeSpan.Zero;

    /// <summary>Reports positions within one blob that starts after <paramref name="before"/> bytes of the whole.</summary>
    public IProgress<long> For(long before) => new Reporter(this, before);

    private void Report(long moved)
    {
        if (clock.Elapsed - last < TimeSpan.FromSeconds(5) || total == 0)
        {
            return;
        }
        last = clock.Elapsed;
        output.WriteLine($"  {verb} {target}: {moved * 100 / total}% of {total / (1024 * 1024)} MiB");
    }

    private sealed class Reporter(TransferProgress owner, long before) : IProgress<long>
    {
        public void Report(long value) => owner.Report(before + value);
    }
}
