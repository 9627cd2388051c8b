using Mlops.Diagnostics;
using Mlops.Environments;
using Mlops.Publishing.Images;
using Mlops.Publishing.Ledger;
using Mlops.Publishing.Model;
using Mlops.Publishing.Release;
using Mlops.Registries;

namespace Mlops.Publishing;

/// <summary>
/// Publishes a release to an environment: the component images, the trained model's packages, every compiled
/// pipeline (tags: the version and <c>latest</c>). It is a plan, then pushes: everything is checked before anything is
/// pushed, so a version conflict in any registry leaves all of them as they were; the pipelines' tags, which make a
/// release visible, move last, after every part they refer to landed. Where the environment's images are named by
/// digest, the pipelines published pin each image to the digest its registry reported. Publishing the same content
/// again changes nothing and uploads nothing. An environment with an OCI image registry records the release in its
/// ledger (<see cref="ReleaseLedger"/>) after the tags moved.
/// </summary>
public static class ReleasePublisher
{
    public static async Task<PublishedRelease> PublishAsync(ProjectRelease release, MlopsEnvironment environment, MlopsHome home,
        ComponentImageBuilder? imageBuilder, TextWriter output, CancellationToken cancellationToken)
    {
        var registries = environment.Registries;
        var model = release.Model;
        var pipelines = CompiledPipelines(release.PipelinesFolder);
        if (!environment.Trains && TrainedModel.ModelOutputs(release.PipelinesFolder) is [var (training, _), ..])
        {
            throw new MlopsException(ErrorCodes.Host.TrainingOutsideTrainingEnvironment,
                $"Pipeline {training} trains a model, and {environment.Name} does not train (training is not true) nor take its releases from an environment " +
                $"that does (promotesFrom): a model trained anywhere but the training environment cannot enter the promotion chain. Publish to the training " +
                $"environment, and give {environment.Name} promotesFrom in the environments file; nothing was published.");
        }
        // The model is packed on this machine while the registries are asked what they hold: neither waits for the other.
        var packing = Task.Run(() => PackModelAsync(release, environment, home, withNuGet: registries.NuGetPackages is not null, output, cancellationToken), cancellationToken);
        var held = InspectRegistriesAsync(release, registries, pipelines, cancellationToken);
        try
        {
            await held;
        }
        catch (Exception) when (!packing.IsCompletedSuccessfully)
        {
            // A problem with the model is this machine's, and is told first.
            await packing;
            throw;
        }
        var packages = await packing;
        var plan = await PlanAsync(release, registries, await held, packages, cancellationToken);

        output.WriteLine($"Publishing {release.Version} to {environment.Description}:");
        var published = new PublishedRelease { Version = release.Version, TrainingRun = packages?.Card.RunId };
        var pins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var component in release.Components)
        {
            var image = plan.Images.GetValueOrDefault(component.Name) ?? await registries.Images.PushAsync(component, cancellationToken);
            pins[component.Reference.ToString()] = image.Reference.ToString();
            published.Images[image.Reference.Name] = image.Digest.ToString();
            output.WriteLine($"  image    {image.Reference}{(image.Reference.IsPinned ? "" : $" ({image.Digest})")} -> {image.Location}");
        }
        if (!registries.Images.PinsByDigest)
        {
            await BuildInLocalEngineAsync(release, imageBuilder, output, cancellationToken);
        }
        if (packages is not null)
        {
            if (registries.NuGetPackages is { } feed && packages.NuGet is { } nupkg)
            {
                await feed.PushAsync(nupkg.Path, cancellationToken);
                output.WriteLine($"  model    {nupkg.Id} {nupkg.Version} -> {feed.Source}");
            }
            var wheel = await registries.PythonPackages.PushAsync(packages.Wheel.Path, cancellationToken);
            published.Wheels[wheel.FileName] = ContentDigest.Prefix + wheel.Sha256;
            output.WriteLine($"  model    {wheel.FileName} (sha256:{wheel.Sha256}) -> {registries.PythonPackages.IndexUrl}");
        }
        // Every pipeline's bytes land before any tag moves: the Version never names half a release.
        var pinned = pipelines.Select(p => (p.Name, Ir: plan.Pinned.GetValueOrDefault(p.Name) ?? IrImagePinning.Pin(p.Bytes, p.Name, pins, registries.Images.PinsByDigest))).ToList();
        // Where the plan's listing showed both tags naming these very bytes already, the registry's answer is known: nothing to send or ask again.
        var toPush = pinned.Where(p => plan.TaggedDigest(p.Name, ContentDigest.Compute(p.Ir), release.Version) is null).ToList();
        if (toPush.Count > 1)
        {
            foreach (var (name, ir) in toPush)
            {
                await registries.PipelineTemplates.PushAsync(name, ir, [], cancellationToken);
            }
        }
        foreach (var (name, ir) in pinned)
        {
            var digest = plan.TaggedDigest(name, ContentDigest.Compute(ir), release.Version)
                ?? await registries.PipelineTemplates.PushAsync(name, ir, [release.Version, PipelineTemplateNames.LatestTag], cancellationToken);
            published.Pipelines[name] = digest.ToString();
            output.WriteLine($"  pipeline {name} {release.Version} ({digest}) -> {registries.PipelineTemplates.Location}");
        }
        if (registries.Images is OciImageRegistry && packages is null && TrainedModel.ModelOutputs(release.PipelinesFolder).Count > 0)
        {
            // The model is trained from these pipelines (e.g. on the environment's runner): the release is whole, and
            // promotable, once a publish of the same Version brings it.
            output.WriteLine($"  ledger   not recorded: {release.Version} has no model yet; train it (dotnet run -- submit NAME -e {environment.Name} --wait), then publish again with -p:ModelFrom=<the run>");
        }
        else if (registries.Images is OciImageRegistry images)
        {
            var ledger = ReleaseLedger.Of(images, model.PackageId);
            var entry = LedgerEntry.Of(published, LedgerEntry.Publish, DateTimeOffset.UtcNow, PublisherIdentity.Current()) with
            {
                SourceCommit = string.IsNullOrEmpty(model.Commit) ? null : model.Commit,
                TrainingRun = packages?.Card.RunId,
            };
            await ledger.RecordAsync(entry, release.Version, output, cancellationToken);
            output.WriteLine($"  ledger   {release.Version} by {entry.PublishedBy} -> {ledger.Location}");
        }
        return published;
    }

    /// <summary>
    /// Whether publishing <paramref name="release"/> to <paramref name="environment"/> would build an image in the container
    /// engine: the local environment builds every component with a Dockerfile; a registry only those it does not hold yet.
    /// Asks the registry, changes nothing.
    /// </summary>
    public static async Task<bool> BuildsImagesAsync(ProjectRelease release, MlopsEnvironment environment, ComponentImageBuilder? imageBuilder,
        CancellationToken cancellationToken)
    {
        if (imageBuilder is null)
        {
            return false;
        }
        var images = environment.Registries.Images;
        if (!images.PinsByDigest)
        {
            return ComponentImageBuilder.Buildable(release.Components).Any();
        }
        var states = await Task.WhenAll(release.Components.Select(c => images.InspectAsync(c, cancellationToken)));
        return states.Any(s => s.Published is null && s.Conflict is null);
    }

    /// <summary>What the image and pipeline registries hold of this release: every image's state and every pipeline's tags, all asked at once.</summary>
    private static async Task<Held> InspectRegistriesAsync(ProjectRelease release, RegistrySet registries, IReadOnlyList<(string Name, byte[] Bytes)> pipelines,
        CancellationToken cancellationToken)
    {
        // One round trip at a time is what a remote registry makes slow.
        var states = Task.WhenAll(release.Components.Select(c => registries.Images.InspectAsync(c, cancellationToken)));
        var tags = ListTagsAsync(registries.PipelineTemplates, pipelines.Select(p => p.Name), cancellationToken);
        return new Held(pipelines, await states, await tags);
    }

    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<PipelineTemplateTag>>> ListTagsAsync(IPipelineTemplateRegistry templates, IEnumerable<string> names,
        CancellationToken cancellationToken)
    {
        var packaged = await templates.ListPackagesAsync(cancellationToken);
        var listed = names.Where(packaged.Contains).ToList();
        var tags = await Task.WhenAll(listed.Select(name => templates.ListTagsAsync(name, cancellationToken)));
        return listed.Zip(tags).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    /// <summary>What is published already (reused as it is), or why this release cannot be published (nothing is pushed).</summary>
    private static async Task<Plan> PlanAsync(ProjectRelease release, RegistrySet registries, Held held, ModelPackages? packages, CancellationToken cancellationToken)
    {
        var conflicts = new List<string>();
        var images = new Dictionary<string, PublishedImage>(StringComparer.Ordinal);
        var (pipelines, states, listed) = held;
        foreach (var (component, state) in release.Components.Zip(states))
        {
            if (state.Conflict is { } conflict)
            {
                conflicts.Add(conflict);
            }
            else if (state.Published is { } image)
            {
                images[component.Name] = image;
            }
        }
        var pinnedIrs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (name, bytes) in pipelines)
        {
            if (!listed.TryGetValue(name, out var tags))
            {
                continue;
            }
            if (tags.FirstOrDefault(t => t.Name == release.Version) is not { } existing)
            {
                continue;
            }
            // The same release again pins the same images, so its IR is byte for byte the one published; a component
            // not published yet means other IR.
            var unpublished = release.Components.Where(c => !images.ContainsKey(c.Name) && IrImagePinning.Images(bytes, name).Contains(c.Reference.ToString())).ToList();
            var pins = release.Components.Where(c => images.ContainsKey(c.Name))
                .ToDictionary(c => c.Reference.ToString(), c => images[c.Name].Reference.ToString(), StringComparer.Ordinal);
            if (unpublished.Count > 0)
            {
                conflicts.Add($"pipeline {name} {release.Version} is already published with other content ({existing.Version})");
                continue;
            }
            // Every image it runs is published, so these pins are the ones the push would apply: pinned once, here.
            var pinned = IrImagePinning.Pin(bytes, name, pins, registries.Images.PinsByDigest);
            if (ContentDigest.Compute(pinned) != existing.Version)
            {
                conflicts.Add($"pipeline {name} {release.Version} is already published with other content ({existing.Version})");
            }
            pinnedIrs[name] = pinned;
        }
        if (packages is not null)
        {
            var files = await registries.PythonPackages.ListFilesAsync(packages.Wheel.DistributionName, cancellationToken);
            if (files.FirstOrDefault(f => f.FileName == packages.Wheel.FileName) is { } published && published.Sha256 != packages.Wheel.Sha256)
            {
                conflicts.Add($"model package {packages.Wheel.FileName} is already published with another model (trained by another run)");
            }
        }
        if (conflicts.Count > 0)
        {
            throw new MlopsException(ErrorCodes.Registries.TemplateVersionImmutable,
                $"Version {release.Version} is immutable and {string.Join("; ", conflicts)}. Bump the project's Version (e.g. in the .csproj) and publish again; nothing was published.");
        }
        return new Plan(images, listed, pinnedIrs);
    }

    private static IReadOnlyList<(string Name, byte[] Bytes)> CompiledPipelines(string folder)
    {
        var pipelines = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal)
                .Select(f => (Name: Path.GetFileNameWithoutExtension(f), Bytes: File.ReadAllBytes(f))).ToList()
            : [];
        if (pipelines.Count == 0)
        {
            throw new MlopsException(ErrorCodes.Host.NoCompiledPipelines, $"There are no compiled pipelines in {folder}; build the project first.");
        }
        return pipelines;
    }

    /// <summary>The local environment runs images from the local engine: build them there when there is one.</summary>
    private static async Task BuildInLocalEngineAsync(ProjectRelease release, ComponentImageBuilder? imageBuilder, TextWriter output, CancellationToken cancellationToken)
    {
        if (imageBuilder is null)
        {
            output.WriteLine("  images   not built: no container engine (set DOCKER_HOST to build the component images)");
            return;
        }
        foreach (var component in ComponentImageBuilder.Buildable(release.Components))
        {
            await imageBuilder.BuildAsync(component, cancellationToken);
            output.WriteLine($"  image    {component.Reference} -> the container engine at {imageBuilder.Endpoint}");
        }
    }

    private static async Task<ModelPackages?> PackModelAsync(ProjectRelease release, MlopsEnvironment environment, MlopsHome home, bool withNuGet,
        TextWriter output, CancellationToken cancellationToken)
    {
        var model = release.Model;
        if (TrainedModel.ModelOutputs(release.PipelinesFolder).Count == 0 && model.From is null)
        {
            return null;
        }
        try
        {
            // A remote run's model is read from the environment being published to: the training environment it ran in.
            var trained = model.From is { } from && RemoteTrainedModel.IsRemote(from) && environment.Definition is { } definition
                ? await ModelSources.FromEnvironmentAsync(definition, release.PipelinesFolder, from, model.Pipeline, Path.Combine(release.WorkFolder, "remote-model"), cancellationToken)
                : TrainedModel.Find(release.PipelinesFolder, home, model.From ?? "latest", model.Pipeline);
            return ModelPackages.Build(trained, model.PackageId, release.Version, model.Commit, model.Authors ?? model.PackageId, release.WorkFolder, withNuGet);
        }
        catch (MlopsException e) when (e.Code == ErrorCodes.Host.NoSucceededRun && model.From is null)
        {
            output.WriteLine(Diagnostic.Warning(ErrorCodes.Host.NoModelPublished, $"no model is published: {e.Message}").ToCanonicalString());
            return null;
        }
    }

    /// <param name="Images">The components' images published already.</param>
    /// <param name="Tags">The tags each pipeline package had when the plan listed them (packages that existed only).</param>
    /// <param name="Pinned">The IR of each pipeline whose images were all published already, pinned to them.</param>
    private sealed record Held(IReadOnlyList<(string Name, byte[] Bytes)> Pipelines, IReadOnlyList<ImageState> Images,
        IReadOnlyDictionary<string, IReadOnlyList<PipelineTemplateTag>> Tags);

    private sealed record Plan(IReadOnlyDictionary<string, PublishedImage> Images, IReadOnlyDictionary<string, IReadOnlyList<PipelineTemplateTag>> Tags,
        IReadOnlyDictionary<string, byte[]> Pinned)
    {
        /// <summary><paramref name="digest"/> when the version's tag and <c>latest</c> of <paramref name="pipeline"/> both name it already, else null.</summary>
        public ContentDigest? TaggedDigest(string pipeline, ContentDigest digest, string version) =>
            Tags.TryGetValue(pipeline, out var tags)
            && tags.Any(t => t.Name == version && t.Version == digest)
            && tags.Any(t => t.Name == PipelineTemplateNames.LatestTag && t.Version == digest)
                ? digest
                : null;
    }
}
