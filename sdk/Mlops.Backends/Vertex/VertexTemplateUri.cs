using System.Text.RegularExpressions;
using Mlops.Diagnostics;

namespace Mlops.Backends.Vertex;

/// <summary>
/// A published template's URI pinned by version, <c>https://L-kfp.pkg.dev/P/R/PACKAGE/sha256:HEX</c>. Vertex AI
/// answers 500 to a template by tag (python-aiplatform#2181) and a tag can move between resolve and submit, so a tag
/// URI is refused before any call.
/// </summary>
internal static partial class VertexTemplateUri
{
    /// <summary>The <c>sha256:HEX</c> the URI is pinned to.</summary>
    public static string Digest(string? templateUri, string pipeline)
    {
        if (string.IsNullOrWhiteSpace(templateUri))
        {
            throw new MlopsException(ErrorCodes.Vertex.TemplateNotPinned,
                $"Pipeline '{pipeline}' has no published template to run: Vertex AI runs a template from the environment's pipeline registry. " +
                "Publish it (dotnet publish -p:Environment=ENV) and submit its URI by version (…/PACKAGE/sha256:HEX).");
        }
        var match = Pinned().Match(templateUri);
        if (!match.Success)
        {
            throw new MlopsException(ErrorCodes.Vertex.TemplateNotPinned,
                $"The template URI '{templateUri}' is not pinned by version: Vertex AI fails on a template by tag (HTTP 500) and a tag can move. " +
                "Resolve the tag to its sha256 first and submit …/PACKAGE/sha256:HEX.");
        }
        return "sha256:" + match.Groups[1].Value;
    }

    [GeneratedRegex("^https?://[^/?#]+/(?:[^/?#]+/)+sha256:([0-9a-f]{64})$")]
    private static partial Regex Pinned();
}
