using Mlops.Diagnostics;
using Mlops.Environments;
using Mlops.Publishing.Ledger;

namespace Mlops.Publishing.Promotion;

/// <summary>
/// A promotion takes only what passed in the source environment: the source's ledger must record the Version, with
/// the very digests its registries hold now. A version pushed to the source behind the SDK's back, or changed there
/// after it was recorded, does not go further.
/// </summary>
public static class PassedInSource
{
    /// <param name="held">What the source's registries hold now: artifact (<c>pipeline NAME</c>, <c>image REPOSITORY</c>,
    /// <c>wheel FILE</c>) → its digest, and the ledger entry's name and map for it.</param>
    /// <returns>The source's ledger entry.</returns>
    public static async Task<LedgerEntry> CheckAsync(ReleaseLedger ledger, MlopsEnvironment source, MlopsEnvironment target, string version,
        IEnumerable<(string Artifact, string Digest, Func<LedgerEntry, string?> Recorded)> held, CancellationToken cancellationToken)
    {
        var entry = await ledger.ReadAsync(version, cancellationToken)
            ?? throw new MlopsException(ErrorCodes.Host.NotPassedInSource,
                $"{source.Name}'s release ledger ({ledger.Location}) has no entry for {version}: it was not published or promoted there by the SDK, so it did not pass there " +
                $"and is not promoted to {target.Name}; nothing was copied. Promote {version} to {source.Name} first (dotnet publish -p:Environment={source.Name}).");
        var differences = held
            .Select(h => (h.Artifact, h.Digest, Recorded: h.Recorded(entry)))
            .Where(h => h.Recorded != h.Digest)
            .Select(h => $"{h.Artifact} is {h.Digest} in {source.Name}'s registries, and its ledger recorded {h.Recorded ?? "no such artifact"}")
            .ToList();
        if (differences.Count > 0)
        {
            throw new MlopsException(ErrorCodes.Host.NotPassedInSource,
                $"{version} in {source.Name} is not what passed there: {string.Join("; ", differences)}. It is not promoted to {target.Name}; nothing was copied.");
        }
        return entry;
    }
}
