using System.Text;
using Mlops.Diagnostics;
using Mlops.Pipelines.Ir;

namespace Mlops.Publishing;

/// <summary>
/// Points a compiled pipeline's container images at what an environment's registry stored: every image of the
/// project's components becomes <c>repository@sha256:…</c>, so the IR runs exactly the published bytes. Images pinned
/// already (a composed sub-pipeline's, a base image given by digest) stay; an image left on a tag is refused.
/// </summary>
public static class IrImagePinning
{
    /// <summary>
    /// The IR with each image in <paramref name="pinned"/> (compile-time reference → pinned reference) replaced; the
    /// same bytes when nothing changes. With <paramref name="requireDigests"/>, an image left unpinned is MLOPS2035.
    /// </summary>
    public static byte[] Pin(byte[] ir, string pipeline, IReadOnlyDictionary<string, string> pinned, bool requireDigests)
    {
        var file = IrFile.Parse(Encoding.UTF8.GetString(ir), pipeline);
        var changed = false;
        var unpinned = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var container in Containers(file))
        {
            if (pinned.TryGetValue(container.Image, out var reference) && reference != container.Image)
            {
                container.Image = reference;
                changed = true;
            }
            if (requireDigests && !IsPinned(container.Image))
            {
                unpinned.Add(container.Image);
            }
        }
        if (unpinned.Count > 0)
        {
            throw new MlopsException(ErrorCodes.Host.ImageNotPinned,
                $"Pipeline {pipeline} runs {string.Join(", ", unpinned)} by tag, which is not one of this project's components: a published pipeline pins every image by digest. " +
                "Give the image by digest (image@sha256:…) or make it a component of the project.");
        }
        return changed ? Encoding.UTF8.GetBytes(file.ToYaml()) : ir;
    }

    /// <summary>The images <paramref name="ir"/> runs, as written.</summary>
    public static IReadOnlySet<string> Images(byte[] ir, string pipeline) =>
        Containers(IrFile.Parse(Encoding.UTF8.GetString(ir), pipeline)).Select(c => c.Image).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<ContainerSpec> Containers(IrFile file) =>
        file.Spec.DeploymentSpec.Executors.Values.Select(e => e.Container).OfType<ContainerSpec>();

    private static bool IsPinned(string image) => ImageReference.TryParse(image, out var reference) && reference.IsPinned;
}
