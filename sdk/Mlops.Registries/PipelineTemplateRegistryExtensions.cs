using Mlops.Diagnostics;

namespace Mlops.Registries;

public static class PipelineTemplateRegistryExtensions
{
    /// <summary>The version <paramref name="tag"/> of <paramref name="package"/> names, or null when the package or the tag is not there.</summary>
    public static async Task<ContentDigest?> VersionOfTagAsync(this IPipelineTemplateRegistry registry, string package, string tag,
        CancellationToken cancellationToken = default)
    {
        try
        {
            return (await registry.ListTagsAsync(package, cancellationToken).ConfigureAwait(false)).FirstOrDefault(t => t.Name == tag)?.Version;
        }
        catch (RegistryException e) when (e.Code == ErrorCodes.Registries.NotFound)
        {
            return null;
        }
    }
}
