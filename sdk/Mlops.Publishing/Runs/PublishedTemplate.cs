using System.Text;
using Mlops.Diagnostics;
using Mlops.Pipelines.Ir;
using Mlops.Registries;
using Mlops.Registries.Kfp;

namespace Mlops.Publishing.Runs;

/// <summary>
/// A pipeline as an environment's KFP-format registry holds it, resolved from a tag to its version before anything
/// runs it: the bytes (checked against their sha256 by the registry client), the parsed IR, and the template URI by
/// version (<c>…/PACKAGE/sha256:HEX</c>), which is what a backend is given, so a tag moved later changes nothing.
/// </summary>
public sealed record PublishedTemplate(string Pipeline, string Tag, ContentDigest Version, byte[] Bytes, IrFile Ir, string Uri)
{
    public static async Task<PublishedTemplate> ResolveAsync(IPipelineTemplateRegistry registry, string environment, string pipeline, string tag,
        CancellationToken cancellationToken)
    {
        var version = await registry.VersionOfTagAsync(pipeline, tag, cancellationToken).ConfigureAwait(false)
            ?? throw new MlopsException(ErrorCodes.Runs.TemplateNotPublished,
                $"Environment '{environment}' has no pipeline '{pipeline}' tagged '{tag}' in {registry.Location}: publish it first (dotnet publish -p:Environment={environment}), or pass --tag with a version it holds.");
        var bytes = await registry.GetAsync(pipeline, version.ToString(), cancellationToken).ConfigureAwait(false);
        return Of(registry, pipeline, tag, version, bytes);
    }

    /// <summary>The template <paramref name="registry"/> holds as <paramref name="version"/>, whose bytes are <paramref name="bytes"/>.</summary>
    public static PublishedTemplate Of(IPipelineTemplateRegistry registry, string pipeline, string tag, ContentDigest version, byte[] bytes)
    {
        var ir = IrFile.Parse(Encoding.UTF8.GetString(bytes), $"{registry.Location}/{pipeline}/{version}");
        var uri = registry is KfpTemplateRegistry kfp
            ? kfp.Endpoints.Download(pipeline, version.ToString()).ToString()
            : $"{registry.Location.TrimEnd('/')}/{pipeline}/{version}";
        return new PublishedTemplate(pipeline, tag, version, bytes, ir, uri);
    }
}
