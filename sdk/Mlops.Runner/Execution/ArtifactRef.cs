using System.Text.Json.Nodes;

namespace Mlops.Runner.Execution;

/// <summary>An artifact in a local run: a file or folder on disk, its type and metadata.</summary>
public sealed record ArtifactRef(string Name, string Path, string SchemaTitle, string SchemaVersion)
{
    public JsonObject Metadata { get; init; } = [];

    public string Uri => new Uri(Path).AbsoluteUri;
}
