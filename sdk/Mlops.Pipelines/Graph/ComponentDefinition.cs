using System.Text.Json.Nodes;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Graph;

/// <summary>An input of a component interface.</summary>
internal sealed record InputDefinition(IoType Type, bool IsOptional, JsonNode? DefaultValue, string? Description = null);

/// <summary>
/// What a task runs: an interface plus either a container (one executor) or a whole compiled pipeline (a graph that
/// is inlined as a nested DAG, the way KFP composes pipelines).
/// </summary>
internal sealed class ComponentDefinition
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required IReadOnlyDictionary<string, InputDefinition> Inputs { get; init; }
    public required IReadOnlyDictionary<string, IoType> Outputs { get; init; }
    public ContainerSpec? Container { get; init; }
    public ImporterSpec? Importer { get; init; }
    public PipelineSpec? Graph { get; init; }
}
