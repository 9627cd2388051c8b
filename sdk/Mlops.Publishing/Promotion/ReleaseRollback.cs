using System.Globalization;
using Mlops.Diagnostics;
using Mlops.Environments;
using Mlops.Publishing.Images;
using Mlops.Publishing.Ledger;
using Mlops.Registries;

namespace Mlops.Publishing.Promotion;

/// <summary>
/// Rolls an environment back to a version it ran before (<c>-p:MlopsRollbackTo=VERSION</c>): each pipeline's
/// <c>latest</c> tag moves back to the digest that version's ledger entry records, a tag pointed at a version the
/// registry holds, so no byte is uploaded; images are named by digest and have only version tags, so none moves. The
/// ledger records the rollback as an entry of its own and makes it live.
/// </summary>
public static class ReleaseRollback
{
    public static async Task<LedgerEntry> RollBackAsync(MlopsEnvironment environment, string packageId, string version, TextWriter output,
        CancellationToken cancellationToken)
    {
        if (environment.Registries.Images is not OciImageRegistry images)
        {
            throw new MlopsException(ErrorCodes.Host.RollbackVersionNotInLedger,
                $"Environment {environment.Name} keeps no release ledger (its images are not in an OCI registry), so there is no earlier release to roll back to; nothing was moved.");
        }
        var ledger = ReleaseLedger.Of(images, packageId);
        var earlier = await ledger.ReadAsync(version, cancellationToken)
            ?? throw new MlopsException(ErrorCodes.Host.RollbackVersionNotInLedger,
                $"{environment.Name}'s release ledger ({ledger.Location}) has no entry for {version}: it was never published or promoted there, so it cannot be rolled back to; nothing was moved.");
        var live = await ledger.LiveAsync(cancellationToken);
        var templates = environment.Registries.PipelineTemplates;
        await CheckStillHeldAsync(environment, images, templates, earlier, cancellationToken);

        output.WriteLine($"Rolling {environment.Name} back to {version} (live: {live?.Version ?? "nothing recorded"}):");
        foreach (var (name, digest) in earlier.Pipelines)
        {
            // The version tag names these bytes, so the registry stores no new version: only latest moves.
            var ir = await templates.GetAsync(name, digest, cancellationToken);
            await templates.PushAsync(name, ir, [PipelineTemplateNames.LatestTag], cancellationToken);
            output.WriteLine($"  pipeline {name} latest -> {version} ({digest})");
        }
        var at = DateTimeOffset.UtcNow;
        var entry = earlier with { Kind = LedgerEntry.Rollback, RolledBackFrom = live?.Version, PublishedAt = at, PublishedBy = PublisherIdentity.Current() };
        await ledger.RecordAsync(entry, $"rollback-{version}-{at.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}", output, cancellationToken);
        output.WriteLine($"  ledger   rollback to {version} by {entry.PublishedBy} -> {ledger.Location}");
        return entry;
    }

    /// <summary>Every pipeline version and image the entry records must still be in the environment's registries.</summary>
    private static async Task CheckStillHeldAsync(MlopsEnvironment environment, OciImageRegistry images, IPipelineTemplateRegistry templates, LedgerEntry earlier,
        CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        foreach (var (name, digest) in earlier.Pipelines)
        {
            if ((await templates.VersionOfTagAsync(name, earlier.Version, cancellationToken))?.ToString() != digest)
            {
                missing.Add($"pipeline {name} {earlier.Version} ({digest})");
            }
        }
        foreach (var (repository, digest) in earlier.Images)
        {
            var reference = ImageReference.Parse($"{repository}@{digest}");
            if (images.RelativeRepository(reference) is not { } relative || await images.TagDigestAsync(relative, digest, cancellationToken) is null)
            {
                missing.Add($"image {reference}");
            }
        }
        if (missing.Count > 0)
        {
            throw new MlopsException(ErrorCodes.Host.RollbackVersionNotInLedger,
                $"{environment.Name} no longer holds all of {earlier.Version} as its ledger records it: {string.Join(", ", missing)} is missing; nothing was moved. " +
                $"Promote {earlier.Version} there again, or roll back to another version.");
        }
    }
}
