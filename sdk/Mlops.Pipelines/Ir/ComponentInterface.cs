using System.Text.Json.Nodes;

namespace Mlops.Pipelines.Ir;

public sealed class ComponentInputsSpec
{
    public Dictionary<string, ArtifactSpec>? Artifacts { get; set; }
    public Dictionary<string, ParameterSpec>? Parameters { get; set; }
}

public sealed class ComponentOutputsSpec
{
    public Dictionary<string, ArtifactSpec>? Artifacts { get; set; }
    public Dictionary<string, ParameterSpec>? Parameters { get; set; }
}

/// <summary>An input or output parameter definition.</summary>
public sealed class ParameterSpec
{
    public ParameterType ParameterType { get; set; }
    public bool IsOptional { get; set; }
    public JsonNode? DefaultValue { get; set; }
    public string? Description { get; set; }
    public JsonArray? Literals { get; set; }
}

/// <summary>An input or output artifact definition.</summary>
public sealed class ArtifactSpec
{
    public ArtifactTypeSchema ArtifactType { get; set; } = new();
    public bool IsArtifactList { get; set; }
    public bool IsOptional { get; set; }
    public string? Description { get; set; }
    public JsonObject? Metadata { get; set; }
    public JsonObject? Properties { get; set; }
    public JsonObject? CustomProperties { get; set; }
}

public sealed class ArtifactTypeSchema
{
    public string? SchemaTitle { get; set; }
    public string? SchemaVersion { get; set; }
    public string? InstanceSchema { get; set; }
    public string? SchemaUri { get; set; }
}
