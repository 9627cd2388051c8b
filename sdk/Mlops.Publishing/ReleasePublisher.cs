using Mlops.Diagnostics;
using Mlops.Environments;
using Mlops.Publishing.Images;
using Mlops.Publishing.Model;
using Mlops.Registries;

namespace Mlops.Publishing;

/// <summary>
/// Publishes a release to an environment: every compiled pipeline (tags: the version and <c>latest</c>), the trained
/// model's packages, the component images. Everything is checked before anything is pushed, so a version conflict
/// leaves the registries as they were; the pipelines' tags, which make a release visible, move last, after every
/// part they refer to landed. Publishing the same content again changes nothing.
/// </summary>
public static class ReleasePublisher
{
    public static async Task PublishAsync(ProjectRelease release, MlopsEnvironment environment, MlopsHome home,
        ComponentImageBuilder? imageBuilder, TextWriter output, CancellationToken cancellationToken)
    {
        var registries = environment.Registries;
        var pipelines = Directory.Exists(release.PipelinesFolder)
            ? Directory.EnumerateFiles(release.PipelinesFolder, "*.yaml").Order(StringComparer.Ordinal)
                .Select(f => (Name: Path.GetFileNameWithoutExtension(f), Bytes: File.ReadAllBytes(f))).ToList()
            : [];
        if (pipelines.Count == 0)
        {
            throw new MlopsException(ErrorCodes.Host.NoCompiledPipelines, $"There are no compiled pipelines in {release.PipelinesFolder}; build the project first.");
        }

        var conflicts = new List<string>();
        foreach (var (name, bytes) in pipelines)
        {
            var digest = ContentDigest.Compute(bytes);
            var tags = await TagsAsync(registries.PipelineTemplates, name, cancellationToken);
            if (tags.FirstOrDefault(t => t.Name == release.Version) is { } existing && existing.Version != digest)
            {
                conflicts.Add($"pipeline {name} {release.Version} is already published with other content ({existing.Version})");
            }
        }
        var packages = PackModel(release, home, output);
        if (packages is not null)
        {
            var files = await registries.PythonPackages.ListFilesAsync(packages.Wheel.DistributionName, cancellationToken);
            if (files.FirstOrDefault(f => f.FileName == packages.Wheel.FileName) is { } published && published.Sha256 != packages.Wheel.Sha256)
            {
                conflicts.Add($"model package {packages.Wheel.FileName} is already published with another model (trained by another run)");
            }
        }
        foreach (var component in release.Components)
        {
            if (await registries.Images.FindConflictAsync(component, cancellationToken) is { } conflict)
            {
                conflicts.Add(conflict);
            }
        }
        if (conflicts.Count > 0)
        {
            throw new MlopsException(ErrorCodes.Registries.TemplateVersionImmutable,
                $"Version {release.Version} is immutable and {string.Join("; ", conflicts)}. Bump the project's Version (e.g. in the .csproj) and publish again; nothing was published.");
        }

        output.WriteLine($"Publishing {release.Version} to {environment.Description}:");
        foreach (var component in release.Components)
        {
            var image = await registries.Images.PushAsync(component, cancellationToken);
            output.WriteLine($"  component {image.Reference} ({image.Digest}) -> {image.Location}");
        }
        if (imageBuilder is null)
        {
            output.WriteLine("  images   not built: no container engine (set DOCKER_HOST to build the component images)");
        }
        else
        {
            foreach (var component in ComponentImageBuilder.Buildable(release.Components))
            {
                await imageBuilder.BuildAsync(component, cancellationToken);
                output.WriteLine($"  image    {component.Reference} -> the container engine at {imageBuilder.Endpoint}");
            }
        }
        if (packages is not null)
        {
            if (registries.NuGetPackages is { } feed)
            {
                await feed.PushAsync(packages.NuGet.Path, cancellationToken);
                output.WriteLine($"  model    {packages.NuGet.Id} {packages.NuGet.Version} -> {feed.Source}");
            }
            var wheel = await registries.PythonPackages.PushAsync(packages.Wheel.Path, cancellationToken);
            output.WriteLine($"  model    {packages.Wheel.FileName} (sha256 {wheel.Sha256}) -> {registries.PythonPackages.IndexUrl}");
        }
        foreach (var (name, bytes) in pipelines)
        {
            var digest = await registries.PipelineTemplates.PushAsync(name, bytes, [release.Version, "latest"], cancellationToken);
            output.WriteLine($"  pipeline {name} {release.Version} ({digest})");
        }
    }

    private static ModelPackages? PackModel(ProjectRelease release, MlopsHome home, TextWriter output)
    {
        var model = release.Model;
        if (TrainedModel.ModelOutputs(release.PipelinesFolder).Count == 0 && model.From is null)
        {
            return null;
        }
        try
        {
            var trained = TrainedModel.Find(release.PipelinesFolder, home, model.From ?? "latest", model.Pipeline);
            return ModelPackages.Build(trained, model.PackageId, release.Version, model.Commit, model.Authors ?? model.PackageId, release.WorkFolder);
        }
        catch (MlopsException e) when (e.Code == ErrorCodes.Host.NoSucceededRun && model.From is null)
        {
            output.WriteLine(Diagnostic.Warning(ErrorCodes.Host.NoModelPublished, $"no model is published: {e.Message}").ToCanonicalString());
            return null;
        }
    }

    private static async Task<IReadOnlyList<PipelineTemplateTag>> TagsAsync(IPipelineTemplateRegistry registry, string package, CancellationToken cancellationToken)
    {
        var packages = await registry.ListPackagesAsync(cancellationToken);
        return packages.Contains(package) ? await registry.ListTagsAsync(package, cancellationToken) : [];
    }
}
