using Mlops.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mlops.Packaging;

/// <summary>
/// What a packaged model is and where it comes from, shipped next to the model as <c>model_card.json</c>:
/// identity, lineage (pipeline, run, source commit, and for a remote run its template and the model's URI), metrics (the run's output parameters), and the model file's
/// sha256, which the Python loader checks before unpickling. Equal cards serialize to equal bytes.
/// </summary>
public sealed class ModelCard
{
    public const string FileName = "model_card.json";
    public const string Schema = "mlops.model-card/v1";

    public required string ModelName { get; init; }
    public required string ModelVersion { get; init; }
    public required string PipelineName { get; init; }
    public required string PipelineVersion { get; init; }
    public required string RunId { get; init; }

    /// <summary>The commit of the team's repository that trained the model; empty when unknown.</summary>
    public string SourceCommit { get; init; } = "";

    /// <summary>The template a remote run was created from, by version; empty for a local run (then not written).</summary>
    public string TemplateUri { get; init; } = "";

    /// <summary>The remote run's template digest (<c>sha256:HEX</c>); empty for a local run (then not written).</summary>
    public string TemplateDigest { get; init; } = "";

    /// <summary>The URI the model file was downloaded from (<c>gs://…</c>); empty for a local file (then not written).</summary>
    public string ModelUri { get; init; } = "";

    /// <summary>The training run's output parameters (accuracy, f1, ...), as JSON values.</summary>
    public JsonObject Metrics { get; init; } = [];

    /// <summary>The model file's name, as it is stored in the packages.</summary>
    public required string ModelFile { get; init; }

    /// <summary>The model file's sha256, lower-case hex.</summary>
    public required string ModelSha256 { get; init; }

    /// <summary>Given by the caller (e.g. the run's end time), not read from the clock, so equal inputs give equal packages.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>A card for the model file at <paramref name="modelPath"/>: its name and sha256 are read from the file.</summary>
    public static ModelCard Create(string modelPath, string modelName, string modelVersion, ModelProvenance provenance, JsonObject metrics, DateTimeOffset createdAt)
    {
        var file = Packaging.ModelFile.Read(modelPath);
        var card = new ModelCard
        {
            ModelName = modelName,
            ModelVersion = modelVersion,
            PipelineName = provenance.PipelineName,
            PipelineVersion = provenance.PipelineVersion,
            RunId = provenance.RunId,
            SourceCommit = provenance.SourceCommit,
            TemplateUri = provenance.TemplateUri,
            TemplateDigest = provenance.TemplateDigest,
            ModelUri = provenance.ModelUri,
            Metrics = (JsonObject)metrics.DeepClone(),
            ModelFile = file.Name,
            ModelSha256 = file.Sha256Hex,
            CreatedAt = createdAt,
        };
        card.Validate();
        return card;
    }

    public byte[] ToUtf8Json()
    {
        Validate();
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            NewLine = "\n",
            // The card is read by Python and people, never embedded in HTML: keep '+' in versions and non-ASCII readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            writer.WriteStartObject();
            writer.WriteString("schema", Schema);
            writer.WriteString("model_name", ModelName);
            writer.WriteString("model_version", ModelVersion);
            writer.WriteString("pipeline_name", PipelineName);
            writer.WriteString("pipeline_version", PipelineVersion);
            writer.WriteString("run_id", RunId);
            writer.WriteString("source_commit", SourceCommit);
            // A remote run's lineage; a local run's card stays as it was.
            foreach (var (name, value) in new[] { ("template_uri", TemplateUri), ("template_digest", TemplateDigest), ("model_uri", ModelUri) })
            {
                if (value.Length > 0)
                {
                    writer.WriteString(name, value);
                }
            }
            writer.WriteString("created_at", CreatedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("model_file", ModelFile);
            writer.WriteString("model_sha256", ModelSha256);
            writer.WritePropertyName("metrics");
            Canonical(Metrics)!.WriteTo(writer);
            writer.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    public string ToJson() => System.Text.Encoding.UTF8.GetString(ToUtf8Json());

    public static ModelCard Parse(string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("the document is not a JSON object");
        }
        catch (JsonException e)
        {
            throw Invalid($"it is not JSON ({e.Message})", e);
        }
        var card = new ModelCard
        {
            ModelName = RequiredString(root, "model_name"),
            ModelVersion = RequiredString(root, "model_version"),
            PipelineName = RequiredString(root, "pipeline_name"),
            PipelineVersion = RequiredString(root, "pipeline_version"),
            RunId = RequiredString(root, "run_id"),
            SourceCommit = OptionalString(root, "source_commit"),
            TemplateUri = OptionalString(root, "template_uri"),
            TemplateDigest = OptionalString(root, "template_digest"),
            ModelUri = OptionalString(root, "model_uri"),
            CreatedAt = DateTimeOffset.TryParse(RequiredString(root, "created_at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
                ? created
                : throw Invalid("'created_at' is not an ISO 8601 time"),
            ModelFile = RequiredString(root, "model_file"),
            ModelSha256 = RequiredString(root, "model_sha256"),
            Metrics = root["metrics"] is JsonObject metrics ? (JsonObject)metrics.DeepClone() : [],
        };
        card.Validate();
        return card;
    }

    private void Validate()
    {
        foreach (var (name, value) in new[]
        {
            ("model name", ModelName), ("model version", ModelVersion), ("pipeline name", PipelineName),
            ("pipeline version", PipelineVersion), ("run id", RunId), ("model file", ModelFile),
        })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw Invalid($"its {name} is empty; give one");
            }
        }
        if (ModelSha256.Length != 64 || !ModelSha256.All(char.IsAsciiHexDigitLower))
        {
            throw Invalid($"its model sha256 '{ModelSha256}' is not 64 lower-case hexadecimal digits; create the card from the model file (ModelCard.Create)");
        }
    }

    private static string RequiredString(JsonObject root, string property) =>
        root[property] is JsonValue value && value.TryGetValue(out string? text)
            ? text
            : throw Invalid($"it has no string '{property}'");

    private static string OptionalString(JsonObject root, string property) =>
        root[property] is JsonValue value && value.TryGetValue(out string? text) ? text : "";

    private static PackagingException Invalid(string why, Exception? inner = null) =>
        new(ErrorCodes.Packaging.InvalidModelCard, $"The model card cannot be used: {why}.", inner);

    /// <summary>Object members sorted by name at every depth, so metrics given in any order serialize the same.</summary>
    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
