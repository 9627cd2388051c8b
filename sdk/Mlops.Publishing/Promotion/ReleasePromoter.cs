using Mlops.Diagnostics;
using Mlops.Environments;
using Mlops.Pipelines.Ir;
using Mlops.Publishing.Images;
using Mlops.Publishing.Ledger;
using Mlops.Publishing.Model;
using Mlops.Publishing.Release;
using Mlops.Registries;

namespace Mlops.Publishing.Promotion;

/// <summary>
/// What <c>dotnet publish -p:Environment=NAME</c> does when NAME says <c>promotesFrom</c>: nothing is built, packed or
/// trained. The release of the project's Version in the source environment (its pipelines' IR, the images they pin,
/// the model wheel) is copied byte for byte: images registry to registry by digest, the wheel with the sha256 the
/// source lists, the IR pointed at the target's copies of the images. Training pipelines stay in environments that
/// train. Everything is checked first (a target holding the Version with other bytes refuses it all), then copied,
/// and the tags (images, then pipelines) move last, so the target shows the old release or the whole new one. A
/// rerun after a failure copies only what is missing. Only what the source's ledger records as passed there is
/// promoted, a gated target takes it only with an approval of its release digest, and the target's ledger records
/// the promotion once the tags moved.
/// </summary>
public static class ReleasePromoter
{
    public static async Task<PublishedRelease> PromoteAsync(ProjectRelease release, MlopsEnvironment source, MlopsEnvironment target, TextWriter output,
        CancellationToken cancellationToken, string? approval = null)
    {
        if (source.Registries.Images is not OciImageRegistry sourceImages || target.Registries.Images is not OciImageRegistry targetImages)
        {
            throw new MlopsException(ErrorCodes.Host.PromotionNeedsOciRegistries,
                $"Environment {target.Name} promotes from {source.Name}, and a promotion copies images between OCI registries: {(source.Registries.Images is OciImageRegistry ? target.Name : source.Name)} has none. " +
                "Promote only between environments of the environments file ('local' neither promotes nor is promoted from).");
        }
        var plan = await PlanAsync(release, source, target, sourceImages, targetImages, cancellationToken);
        var passed = await PassedInSource.CheckAsync(ReleaseLedger.Of(sourceImages, release.Model.PackageId), source, target, release.Version,
            HeldInSource(plan, sourceImages), cancellationToken);
        var releaseDigest = TargetReleaseDigest(plan, targetImages);
        var approved = ApprovalGate.Check(target, release.Version, releaseDigest, approval);

        output.WriteLine($"Promoting {release.Version} from {source.Name} to {target.Description}:");
        var published = new PublishedRelease { Version = release.Version, TrainingRun = passed.TrainingRun };
        foreach (var (pipeline, why) in plan.Skipped)
        {
            output.WriteLine($"  pipeline {pipeline} is not promoted: {why}");
        }
        var copied = new List<(PublishedImage Image, string Relative)>();
        foreach (var image in plan.Images)
        {
            var copy = await targetImages.CopyFromAsync(sourceImages, image.Relative, image.Digest, tag: null, cancellationToken);
            copied.Add((copy, image.Relative));
        }
        if (plan.Wheel is { } wheel)
        {
            var file = Path.Combine(release.WorkFolder, wheel.FileName);
            Directory.CreateDirectory(release.WorkFolder);
            await source.Registries.PythonPackages.DownloadAsync(wheel.Project, wheel.FileName, file, cancellationToken);
            var stored = await target.Registries.PythonPackages.PushAsync(file, cancellationToken);
            published.Wheels[stored.FileName] = ContentDigest.Prefix + stored.Sha256;
            output.WriteLine($"  model    {stored.FileName} (sha256:{stored.Sha256}) -> {target.Registries.PythonPackages.IndexUrl}");
        }
        else
        {
            output.WriteLine(Diagnostic.Warning(ErrorCodes.Host.NoModelPublished,
                $"no model is promoted: {source.Name} holds no {release.Model.PackageId} {release.Version} wheel").ToCanonicalString());
        }
        foreach (var pipeline in plan.Pipelines)
        {
            await target.Registries.PipelineTemplates.PushAsync(pipeline.Name, pipeline.Ir, [], cancellationToken);
        }

        foreach (var (image, relative) in copied)
        {
            await targetImages.TagAsync(relative, image.Digest, release.Version, cancellationToken);
            published.Images[image.Reference.Name] = image.Digest.ToString();
            output.WriteLine($"  image    {image.Reference} -> {image.Location}");
        }
        foreach (var pipeline in plan.Pipelines)
        {
            var digest = await target.Registries.PipelineTemplates.PushAsync(pipeline.Name, pipeline.Ir, [release.Version, PipelineTemplateNames.LatestTag],
                cancellationToken);
            published.Pipelines[pipeline.Name] = digest.ToString();
            output.WriteLine($"  pipeline {pipeline.Name} {release.Version} ({digest}, was {pipeline.SourceDigest} in {source.Name}) -> {target.Registries.PipelineTemplates.Location}");
        }
        var ledger = ReleaseLedger.Of(targetImages, release.Model.PackageId);
        var entry = LedgerEntry.Of(published, LedgerEntry.Promotion, DateTimeOffset.UtcNow, PublisherIdentity.Current()) with
        {
            SourceEnvironment = source.Name,
            SourceCommit = passed.SourceCommit,
            TrainingRun = passed.TrainingRun,
            Approval = approved,
        };
        await ledger.RecordAsync(entry, release.Version, output, cancellationToken);
        // The release digest printed is the one of what the registries reported, as the ledger records it.
        output.WriteLine($"  ledger   {release.Version} (release digest {entry.Digest}) by {entry.PublishedBy}{(approved is null ? "" : $", approved by {approved.Approver}")} -> {ledger.Location}");
        return published;
    }

    /// <summary>What the source holds of the promoted release, each with how its ledger entry names it.</summary>
    private static IEnumerable<(string, string, Func<LedgerEntry, string?>)> HeldInSource(Plan plan, OciImageRegistry sourceImages)
    {
        foreach (var pipeline in plan.Pipelines)
        {
            yield return ($"pipeline {pipeline.Name}", pipeline.SourceDigest.ToString(), e => e.Pipelines.GetValueOrDefault(pipeline.Name));
        }
        foreach (var image in plan.Images)
        {
            var repository = $"{sourceImages.Location}/{image.Relative}";
            yield return ($"image {repository}", image.Digest.ToString(), e => e.Images.GetValueOrDefault(repository));
        }
        if (plan.Wheel is { } wheel)
        {
            yield return ($"model {wheel.FileName}", ContentDigest.Prefix + wheel.Sha256, e => e.Wheels.GetValueOrDefault(wheel.FileName));
        }
    }

    /// <summary>The release digest of what the promotion makes live in the target: its pins of the images, the source's image and wheel digests.</summary>
    private static ContentDigest TargetReleaseDigest(Plan plan, OciImageRegistry targetImages) => ReleaseDigest.Of(
        plan.Pipelines.ToDictionary(p => p.Name, p => ContentDigest.Compute(p.Ir).ToString(), StringComparer.Ordinal),
        plan.Images.ToDictionary(i => $"{targetImages.Location}/{i.Relative}", i => i.Digest.ToString(), StringComparer.Ordinal),
        plan.Wheel is { } wheel ? new Dictionary<string, string> { [wheel.FileName] = ContentDigest.Prefix + wheel.Sha256 } : []);

    private static async Task<Plan> PlanAsync(ProjectRelease release, MlopsEnvironment source, MlopsEnvironment target, OciImageRegistry sourceImages,
        OciImageRegistry targetImages, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        var skipped = new List<(string, string)>();
        var pipelines = new List<PromotedPipeline>();
        var images = new Dictionary<string, PromotedImage>(StringComparer.Ordinal);
        foreach (var (name, compiled) in CompiledPipelines(release.PipelinesFolder))
        {
            // Whether a pipeline trains is a fact of the project's code, the same in the build's IR as in the source's.
            if (!target.Trains && TrainedModel.Trains(compiled))
            {
                skipped.Add((name, $"it trains a model, and {target.Name} does not train (its model comes by promotion)"));
                continue;
            }
            if (await source.Registries.PipelineTemplates.VersionOfTagAsync(name, release.Version, cancellationToken) is not { } sourceDigest)
            {
                missing.Add(name);
                continue;
            }
            var ir = await source.Registries.PipelineTemplates.GetAsync(name, sourceDigest.ToString(), cancellationToken);
            var pins = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var text in IrImagePinning.Images(ir, name))
            {
                if (ImageReference.TryParse(text, out var reference) && reference.Digest is { } digest && sourceImages.RelativeRepository(reference) is { } relative)
                {
                    images.TryAdd(relative, new PromotedImage(relative, digest));
                    pins[text] = targetImages.Reference(relative, digest).ToString();
                }
            }
            pipelines.Add(new PromotedPipeline(name, sourceDigest, IrImagePinning.Pin(ir, name, pins, requireDigests: true)));
        }
        if (missing.Count > 0)
        {
            throw new MlopsException(ErrorCodes.Host.ReleaseNotInSource,
                $"{source.Name} holds no release {release.Version} of {string.Join(", ", missing)} ({source.Registries.PipelineTemplates.Location}), so there is nothing to promote to {target.Name}. " +
                $"Publish {release.Version} to {source.Name} first (dotnet publish -p:Environment={source.Name}), or set the project's Version to one {source.Name} holds; nothing was copied.");
        }
        var distribution = ModelPackages.DistributionName(release.Model.PackageId);
        var wheel = (await source.Registries.PythonPackages.ListFilesAsync(distribution, cancellationToken))
            .FirstOrDefault(f => string.Equals(f.Version, release.Version, StringComparison.OrdinalIgnoreCase));

        var conflicts = new List<string>();
        foreach (var pipeline in pipelines)
        {
            var held = await target.Registries.PipelineTemplates.VersionOfTagAsync(pipeline.Name, release.Version, cancellationToken);
            if (held is { } digest && digest != ContentDigest.Compute(pipeline.Ir))
            {
                conflicts.Add($"pipeline {pipeline.Name} {release.Version} is {digest} in {target.Name}, and {source.Name}'s promoted is {ContentDigest.Compute(pipeline.Ir)}");
            }
        }
        foreach (var image in images.Values)
        {
            if (await targetImages.TagDigestAsync(image.Relative, release.Version, cancellationToken) is { } digest && digest != image.Digest)
            {
                conflicts.Add($"image {targetImages.Location}/{image.Relative}:{release.Version} is {digest} in {target.Name}, and {image.Digest} in {source.Name}");
            }
        }
        if (wheel is not null
            && (await target.Registries.PythonPackages.ListFilesAsync(distribution, cancellationToken)).FirstOrDefault(f => f.FileName == wheel.FileName) is { } existing
            && !string.Equals(existing.Sha256, wheel.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            conflicts.Add($"model {wheel.FileName} is sha256:{existing.Sha256} in {target.Name}, and sha256:{wheel.Sha256} in {source.Name}");
        }
        if (conflicts.Count > 0)
        {
            throw new MlopsException(ErrorCodes.Host.PromotionConflict,
                $"{target.Name} already holds {release.Version} with other bytes than {source.Name}: {string.Join("; ", conflicts)}. A Version is immutable: " +
                $"release a new Version from the training environment; nothing was copied.");
        }
        return new Plan(pipelines, skipped, images.Values.OrderBy(i => i.Relative, StringComparer.Ordinal).ToList(), wheel);
    }

    private static IEnumerable<(string Name, IrFile Ir)> CompiledPipelines(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal).Select(f => (Path.GetFileNameWithoutExtension(f), IrFile.Load(f)))
            : throw new MlopsException(ErrorCodes.Host.NoCompiledPipelines, $"There are no compiled pipelines in {folder}; build the project first.");

    private sealed record PromotedPipeline(string Name, ContentDigest SourceDigest, byte[] Ir);

    private sealed record PromotedImage(string Relative, ContentDigest Digest);

    private sealed record Plan(IReadOnlyList<PromotedPipeline> Pipelines, IReadOnlyList<(string Name, string Why)> Skipped,
        IReadOnlyList<PromotedImage> Images, PythonPackageFile? Wheel);
}
