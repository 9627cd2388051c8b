using Mlops.Diagnostics;
using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Ir;
using Mlops.Registries;

namespace Mlops.Restore;

public static partial class SubPipelineRestorer
{
    private static async Task<byte[]> DownloadAsync(IPipelineTemplateRegistry registry, RequestedSubPipeline reference, ContentDigest digest, IrCache cache, CancellationToken cancellationToken)
    {
        // The registry checks the bytes against the digest (MLOPS3005).
        var bytes = await registry.GetAsync(reference.Name, digest.ToString(), cancellationToken).ConfigureAwait(false);
        cache.Add(digest, bytes);
        return bytes;
    }

    /// <summary>The copy a previous restore wrote into the output folder, when it still has the locked digest (it refills the cache).</summary>
    private static byte[]? ReadCopy(string path, ContentDigest digest, IrCache cache)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var bytes = File.ReadAllBytes(path);
        if (ContentDigest.Compute(bytes) != digest)
        {
            return null;
        }
        cache.Add(digest, bytes);
        return bytes;
    }

    private static PipelineSpec Parse(byte[] bytes, RequestedSubPipeline reference, string version)
    {
        IrFile file;
        try
        {
            file = IrFile.Parse(bytes, $"{reference.Name}@{version}");
        }
        catch (PipelineException e)
        {
            throw RestoreException.Error(ErrorCodes.Restore.InvalidIr,
                $"Sub-pipeline '{reference.Name}' {version} is not a pipeline this SDK can use: {string.Join(" ", e.Diagnostics.Select(d => $"{d.Code}: {d.Message}"))} Reference another version, or ask its team to republish it.",
                null);
        }
        if (file.ConfiguredPlatforms is [_, ..] platforms)
        {
            throw RestoreException.Error(ErrorCodes.Restore.PlatformSpecUnsupported,
                $"Sub-pipeline '{reference.Name}' {version} has a PlatformSpec (its second YAML document) configuring {string.Join(", ", platforms)}, which composing it into this pipeline cannot carry: its steps would run without those secrets, volumes or node settings. Reference a version published without platform settings, or run '{reference.Name}' as a pipeline of its own.",
                null);
        }
        return file.Spec;
    }

    private static IReadOnlyList<string> Images(PipelineSpec spec) =>
        spec.DeploymentSpec.Executors.Values
            .Select(e => e.Container?.Image)
            .OfType<string>()
            .Where(i => i.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
}
