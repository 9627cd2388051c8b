using System.CommandLine;
using System.Reflection;
using Mlops.Registries;
using Mlops.Runner.Store;

namespace Mlops.Pipelines.Hosting;

/// <summary>
/// <c>publish --environment NAME</c>: what <c>dotnet publish -p:Environment=NAME</c> runs. Pushes every compiled
/// pipeline (tags: the version and <c>latest</c>), the trained model's packages and, where a container engine is
/// present, the component images. Everything is checked before anything is pushed, so a version conflict leaves
/// the registries as they were; publishing the same content again changes nothing.
/// </summary>
internal static class PublishCommand
{
    public static Command Create(Assembly assembly)
    {
        var environment = new Option<string>("--environment") { Required = true, Description = "The environment to publish to ('local' is built in)." };
        var version = new Option<string>("--version") { Required = true, Description = "The version of this release (the project's Version)." };
        var packageId = new Option<string>("--package-id") { Required = true, Description = "The model package's id." };
        var from = new Option<string?>("--model-from") { Description = "latest (default), a run id, or a model file." };
        var pipeline = new Option<string?>("--model-pipeline") { Description = "The training pipeline (when several have a Model output)." };
        var commit = new Option<string?>("--commit") { Description = "The source commit, recorded in the model card." };
        var work = new Option<DirectoryInfo>("--work") { Required = true, Description = "A folder for the packages being published." };
        var command = new Command("publish", "Publishes the pipelines, the model packages and the component images to an environment.")
            { environment, version, packageId, from, pipeline, commit, work };
        command.SetAction((parsed, cancellationToken) => Verb.RunAsync(Console.Out, () => PublishAsync(
            assembly, ProjectLayout.OfProgram(), MlopsHome.Default(), parsed.GetValue(environment)!, parsed.GetValue(version)!,
            parsed.GetValue(packageId)!, parsed.GetValue(from), parsed.GetValue(pipeline), parsed.GetValue(commit) ?? "",
            parsed.GetValue(work)!.FullName, Console.Out, cancellationToken)));
        return command;
    }

    public static async Task PublishAsync(Assembly assembly, ProjectLayout layout, MlopsHome home, string environment, string version,
        string packageId, string? modelFrom, string? modelPipeline, string commit, string work, TextWriter output, CancellationToken cancellationToken)
    {
        if (!string.Equals(environment, "local", StringComparison.OrdinalIgnoreCase))
        {
            throw new HostException("MLOPS2030",
                $"Environment '{environment}' is not known: only the built-in 'local' environment is available in this version (environments from mlops.environments.json come later). Use -p:Environment=local.");
        }
        var registries = new LocalRegistries(home.Registries);
        var pipelines = Directory.Exists(layout.PipelinesFolder)
            ? Directory.EnumerateFiles(layout.PipelinesFolder, "*.yaml").Order(StringComparer.Ordinal)
                .Select(f => (Name: Path.GetFileNameWithoutExtension(f), Bytes: File.ReadAllBytes(f))).ToList()
            : [];
        if (pipelines.Count == 0)
        {
            throw new HostException("MLOPS2033", $"There are no compiled pipelines in {layout.PipelinesFolder}; build the project first.");
        }

        // Check first: a version is immutable, and nothing is pushed when any part would conflict.
        var conflicts = new List<string>();
        foreach (var (name, bytes) in pipelines)
        {
            var digest = ContentDigest.Compute(bytes);
            var tags = await Tags(registries.PipelineTemplates, name, cancellationToken);
            if (tags.FirstOrDefault(t => t.Name == version) is { } existing && existing.Version != digest)
            {
                conflicts.Add($"pipeline {name} {version} is already published with other content ({existing.Version})");
            }
        }
        ModelPackages? packages = null;
        if (TrainedModel.ModelOutputs(layout).Count > 0 || modelFrom is not null)
        {
            try
            {
                var model = TrainedModel.Find(layout, home, modelFrom ?? "latest", modelPipeline);
                packages = ModelPackages.Build(model, packageId, version, commit, packageId, work);
            }
            catch (HostException e) when (e.Code == "MLOPS2021" && modelFrom is null)
            {
                output.WriteLine($"warning MLOPS2025: no model is published: {e.Message}");
            }
        }
        if (packages is not null)
        {
            var files = await registries.PythonPackages.ListFilesAsync(packages.Wheel.DistributionName, cancellationToken);
            if (files.FirstOrDefault(f => f.FileName == packages.Wheel.FileName) is { } published && published.Sha256 != packages.Wheel.Sha256)
            {
                conflicts.Add($"model package {packages.Wheel.FileName} is already published with another model (trained by another run)");
            }
        }
        var componentFolders = new LocalComponentFolders(Path.Combine(home.Registries, "components"));
        var components = assembly.GetCustomAttributes<ComponentImageAttribute>()
            .Select(c => (c.Reference, Folder: Path.Combine(layout.OutputFolder, "components", c.Name)))
            .Where(c => Directory.Exists(c.Folder))
            .ToList();
        foreach (var (reference, folder) in components.Where(c => componentFolders.Conflicts(c.Reference, c.Folder)))
        {
            conflicts.Add($"component {reference} is already published with other files");
        }
        if (conflicts.Count > 0)
        {
            throw new HostException("MLOPS3001",
                $"Version {version} is immutable and {string.Join("; ", conflicts)}. Bump the project's Version (e.g. in the .csproj) and publish again; nothing was published.");
        }

        output.WriteLine($"Publishing {version} to the local environment ({home.Registries}):");
        if (packages is not null)
        {
            await registries.NuGetPackages.PushAsync(packages.NuGet.Path, cancellationToken);
            output.WriteLine($"  model    {packages.NuGet.Id} {packages.NuGet.Version} -> {registries.NuGetPackages.Source}");
            await registries.PythonPackages.PushAsync(packages.Wheel.Path, cancellationToken);
            output.WriteLine($"  model    {packages.Wheel.FileName} -> {registries.PythonPackages.IndexUrl}");
        }
        foreach (var (name, bytes) in pipelines)
        {
            var digest = await registries.PipelineTemplates.PushAsync(name, bytes, [version, "latest"], cancellationToken);
            output.WriteLine($"  pipeline {name} {version} ({digest}) -> {Path.Combine(registries.PipelineTemplates.Root, name)}");
        }
        foreach (var (reference, folder) in components)
        {
            componentFolders.Publish(reference, folder);
            output.WriteLine($"  component {reference} -> {componentFolders.FolderOf(reference)}");
        }
        using var images = ComponentImageBuilder.Detect();
        if (images is null)
        {
            output.WriteLine("  images   not built: no container engine (set DOCKER_HOST to build the component images)");
        }
        else
        {
            foreach (var image in await images.BuildAllAsync(assembly, layout, cancellationToken))
            {
                output.WriteLine($"  image    {image} -> the local container engine");
            }
        }
    }

    private static async Task<IReadOnlyList<PipelineTemplateTag>> Tags(IPipelineTemplateRegistry registry, string package, CancellationToken cancellationToken)
    {
        var packages = await registry.ListPackagesAsync(cancellationToken);
        return packages.Contains(package) ? await registry.ListTagsAsync(package, cancellationToken) : [];
    }
}
