using Mlops.Diagnostics;
using Mlops.Registries;

namespace Mlops.Restore;

public static partial class SubPipelineRestorer
{
    private static async Task<PublishedVersion> ResolveAsync(IPipelineTemplateRegistry registry, RequestedSubPipeline reference, string projectPath, CancellationToken cancellationToken)
    {
        IReadOnlyList<PipelineTemplateTag> tags;
        try
        {
            tags = await registry.ListTagsAsync(reference.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryException e) when (e.Code == ErrorCodes.Registries.NotFound)
        {
            var packages = await registry.ListPackagesAsync(cancellationToken).ConfigureAwait(false);
            throw RestoreException.Error(ErrorCodes.Restore.PackageNotFound,
                $"SubPipelineReference '{reference.Name}': registry {reference.Registry.Describe()} has no pipeline '{reference.Name}' (it has {(packages.Count == 0 ? "none" : string.Join(", ", packages.Select(p => $"'{p}'")))}). Check the name, or publish the pipeline first (dotnet publish -p:Environment=... in its repository).",
                projectPath);
        }
        var versions = VersionSelector.Versions(tags);
        return VersionSelector.Select(reference.Range, versions)
            ?? throw RestoreException.Error(ErrorCodes.Restore.NoMatchingVersion,
                $"SubPipelineReference '{reference.Name}': no version in registry {reference.Registry.Describe()} matches Version '{reference.RangeText}'" +
                (reference.Range.MinVersion?.IsPrerelease == true || reference.Range.MaxVersion?.IsPrerelease == true || reference.Range.Float?.IncludePrerelease == true ? "" : " (pre-releases are only picked when the range names one, e.g. 1.5.0-* or [1.5.0-rc.1, ))") +
                $". Available versions: {VersionSelector.List(versions)}. Change Version to a range that includes one of them.",
                projectPath);
    }
}
