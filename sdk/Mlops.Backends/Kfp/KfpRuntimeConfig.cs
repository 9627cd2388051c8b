using System.Text.Json.Nodes;
using Mlops.Environments;

namespace Mlops.Backends.Kfp;

/// <summary>
/// A run's <c>runtime_config</c>: the given parameter values as plain JSON (KFP's <c>map&lt;string, Value&gt;</c>; the
/// pipeline's defaults apply to the others) and the environment's pipeline root when it has one.
/// </summary>
internal static class KfpRuntimeConfig
{
    public static JsonObject For(PipelineRunRequest request, EnvironmentRunner runner)
    {
        var config = new JsonObject { ["parameters"] = request.ParameterValues.DeepClone() };
        if (runner.PipelineRoot is { Length: > 0 } root)
        {
            config["pipeline_root"] = root;
        }
        return config;
    }

    /// <summary>The environment's labels, then the request's (which win).</summary>
    public static IReadOnlyDictionary<string, string> Labels(PipelineRunRequest request, EnvironmentRunner runner)
    {
        var labels = new Dictionary<string, string>(runner.Labels, StringComparer.Ordinal);
        foreach (var (key, value) in request.Labels)
        {
            labels[key] = value;
        }
        return labels;
    }

    /// <summary>The template's version, which must be the IR's <c>sha256:…</c>: it names the pipeline version.</summary>
    public static ContentDigest Digest(PipelineRunRequest request) =>
        ContentDigest.TryParse(request.TemplateDigest, out var digest)
            ? digest
            : throw new Diagnostics.MlopsException(Diagnostics.ErrorCodes.KfpBackend.TemplateDigestMissing,
                $"The run of pipeline '{request.PipelineName}' names no template version ('{request.TemplateDigest}' is not sha256:HEX): submit the " +
                "published template (dotnet publish the pipeline, then submit it by its tag or digest).");
}
