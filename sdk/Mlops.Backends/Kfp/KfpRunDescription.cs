using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mlops.Backends.Kfp;

/// <summary>
/// What a KFP run or recurring run cannot hold in its own fields, kept as JSON in its <c>description</c>: the marker
/// of the create call that made it (so a retried create finds it), the pipeline, the template it came from by
/// version, and the labels (KFP runs have none; the model card's lineage reads the source commit from them).
/// </summary>
internal sealed record KfpRunDescription(string Marker, string Pipeline, string? TemplateUri, string? TemplateDigest, IReadOnlyDictionary<string, string> Labels)
{
    private const string Key = "mlops";

    /// <summary>A marker no other create call uses: <c>yyyyMMdd-HHmmss-</c> and 8 hexadecimal digits.</summary>
    public static string NewMarker() => $"{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}";

    public string Format() => new JsonObject
    {
        [Key] = new JsonObject
        {
            ["marker"] = Marker,
            ["pipeline"] = Pipeline,
            ["template_uri"] = TemplateUri,
            ["template_digest"] = TemplateDigest,
            ["labels"] = new JsonObject(Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))),
        },
    }.ToJsonString();

    /// <summary>The description a create of ours wrote; null for any other text (a run made in the KFP UI).</summary>
    public static KfpRunDescription? TryParse(string? description)
    {
        if (string.IsNullOrEmpty(description) || description[0] != '{')
        {
            return null;
        }
        try
        {
            if (JsonNode.Parse(description)?[Key] is not JsonObject mlops || KfpApiClient.Text(mlops["marker"]) is not { } marker)
            {
                return null;
            }
            var labels = (mlops["labels"] as JsonObject ?? [])
                .Where(l => KfpApiClient.Text(l.Value) is not null)
                .ToDictionary(l => l.Key, l => KfpApiClient.Text(l.Value)!, StringComparer.Ordinal);
            return new KfpRunDescription(marker, KfpApiClient.Text(mlops["pipeline"]) ?? "", KfpApiClient.Text(mlops["template_uri"]),
                KfpApiClient.Text(mlops["template_digest"]), labels);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
