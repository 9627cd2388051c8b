using System.Text;
using System.Text.Json.Nodes;
using Mlops.Diagnostics;
using Mlops.Environments;
using Mlops.Pipelines.Yaml;

namespace Mlops.Backends.Vertex;

/// <summary>
/// The <c>PipelineJob</c> JSON a run request becomes (<c>google.cloud.aiplatform.v1.PipelineJob</c>, the fields the
/// aiplatform SDK sends): displayName, templateUri pinned by version, pipelineSpec (the IR's first document as JSON),
/// runtimeConfig {gcsOutputDirectory, parameterValues}, serviceAccount, network, labels, encryptionSpec.kmsKeyName.
/// Every check runs here, before any call.
/// </summary>
internal static class VertexPipelineJobBody
{
    public const int MaxDisplayNameLength = 128;

    public static JsonObject Create(PipelineRunRequest request, EnvironmentRunner? runner)
    {
        var digest = VertexTemplateUri.Digest(request.TemplateUri, request.PipelineName);
        if (request.TemplateDigest is { Length: > 0 } given && given != digest)
        {
            throw new MlopsException(ErrorCodes.Vertex.TemplateDigestMismatch,
                $"The run names template version {given} but its URI is pinned to {digest}: submit the URI of the version you resolved.");
        }
        var actual = ContentDigest.Compute(request.Ir.Span).ToString();
        if (actual != digest)
        {
            throw new MlopsException(ErrorCodes.Vertex.TemplateDigestMismatch,
                $"The IR given for '{request.PipelineName}' has digest {actual}, not the template's {digest}: submit the bytes the registry holds for " +
                $"{request.TemplateUri} (download them by that URI), so the spec sent is the one that was published.");
        }
        var spec = PipelineSpec(request);
        var displayName = request.DisplayName ?? request.PipelineName;
        if (displayName.Length is 0 or > MaxDisplayNameLength)
        {
            throw new MlopsException(ErrorCodes.Vertex.InvalidDisplayName,
                $"The run's display name has {displayName.Length} characters; Vertex AI takes 1 to {MaxDisplayNameLength}: give a shorter one.");
        }
        if (runner?.PipelineRoot is not { Length: > 0 } root || !root.StartsWith("gs://", StringComparison.Ordinal) || root.Length <= "gs://".Length)
        {
            throw new MlopsException(ErrorCodes.Vertex.NoPipelineRoot,
                $"The runner has {(runner?.PipelineRoot is { Length: > 0 } other ? $"pipelineRoot '{other}', not a gs:// URI" : "no pipelineRoot")}: Vertex AI writes a run's " +
                "artifacts under it. Set \"pipelineRoot\": \"gs://BUCKET/PATH\" in the environment's runner in mlops.environments.json.");
        }

        var body = new JsonObject
        {
            ["displayName"] = displayName,
            ["templateUri"] = request.TemplateUri,
            ["pipelineSpec"] = spec,
            ["runtimeConfig"] = new JsonObject
            {
                ["gcsOutputDirectory"] = root,
                ["parameterValues"] = request.ParameterValues.DeepClone(),
            },
        };
        if (runner.ServiceAccount is { Length: > 0 } serviceAccount)
        {
            body["serviceAccount"] = serviceAccount;
        }
        if (runner.Network is { Length: > 0 } network)
        {
            body["network"] = network;
        }
        var labels = VertexLabels.Merge(runner.Labels, request.Labels);
        if (labels.Count > 0)
        {
            body["labels"] = new JsonObject([.. labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))]);
        }
        if (runner.EncryptionKey is { Length: > 0 } key)
        {
            body["encryptionSpec"] = new JsonObject { ["kmsKeyName"] = key };
        }
        return body;
    }

    /// <summary>The IR's first YAML document (the PipelineSpec) as JSON; a PlatformSpec document after it is not sent.</summary>
    public static JsonObject PipelineSpec(PipelineRunRequest request)
    {
        IReadOnlyList<JsonNode?> documents;
        try
        {
            documents = YamlJsonReader.ReadDocuments(Encoding.UTF8.GetString(request.Ir.Span));
        }
        catch (YamlFormatException e)
        {
            throw Unreadable(request, $"it is not valid YAML ({e.Message}, line {e.Line})");
        }
        if (documents is not [JsonObject spec, ..] || spec["pipelineInfo"]?["name"] is null || spec["root"] is not JsonObject)
        {
            throw Unreadable(request, "its first document is not a PipelineSpec with pipelineInfo.name and root");
        }
        return spec;
    }

    private static MlopsException Unreadable(PipelineRunRequest request, string why) =>
        new(ErrorCodes.Vertex.UnreadableIr,
            $"The IR of '{request.PipelineName}' ({(request.Source.Length > 0 ? request.Source : "the run request")}) cannot be sent to Vertex AI: {why}. " +
            "Submit a template compiled by Mlops.Sdk or KFP 2.x.");
}
