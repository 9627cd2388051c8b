using System.Text.Json.Nodes;

namespace Mlops.Backends;

/// <summary>
/// A run to create: the compiled pipeline (IR YAML bytes) and its parameter values as text. A remote backend also
/// takes the published template it came from (<see cref="TemplateUri"/>, pinned by digest: <c>…/PACKAGE/sha256:HEX</c>)
/// and the values typed by the pipeline's inputs (<see cref="ParameterValues"/>, checked before any call).
/// </summary>
public sealed record PipelineRunRequest(string PipelineName, ReadOnlyMemory<byte> Ir, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>Where the IR came from (a file, a registry URI pinned by digest), recorded with the run.</summary>
    public string Source { get; init; } = "";

    /// <summary>The published template's URI by version (<c>sha256:…</c>), never by tag; null for a local run.</summary>
    public string? TemplateUri { get; init; }

    /// <summary>The template's version, <c>sha256:HEX</c> of the IR bytes the registry stored.</summary>
    public string? TemplateDigest { get; init; }

    /// <summary>The given parameters as JSON values of their declared types (only those given: the backend applies defaults).</summary>
    public JsonObject ParameterValues { get; init; } = [];

    /// <summary>The run's id to ask for (Vertex's pipelineJobId: <c>[a-z][-a-z0-9]{0,127}</c>), so a retried create finds the first; null: the backend picks one.</summary>
    public string? RunId { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>Labels for the run, added to the environment's own.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
