using System.Text.Json.Nodes;

namespace Mlops.Pipelines.Ir;

/// <summary>The KFP <c>PipelineSpec</c> message (schemaVersion 2.1.0): the first document of a compiled IR file.</summary>
public sealed class PipelineSpec
{
    public Dictionary<string, ComponentSpec>? Components { get; set; }
    public string? DefaultPipelineRoot { get; set; }
    public DeploymentSpec DeploymentSpec { get; set; } = new();
    public PipelineInfo PipelineInfo { get; set; } = new();
    public ComponentSpec Root { get; set; } = new();
    public string SchemaVersion { get; set; } = "2.1.0";
    public string? SdkVersion { get; set; }
}

public sealed class PipelineInfo
{
    public string Name { get; set; } = "";
    public string? DisplayName { get; set; }
    public string? Description { get; set; }
}

/// <summary><c>deploymentSpec</c>: a Struct in the proto, filled from <c>PipelineDeploymentConfig</c>.</summary>
public sealed class DeploymentSpec
{
    public Dictionary<string, ExecutorSpec> Executors { get; set; } = new();
}

/// <summary>A component interface with either an executor or a DAG.</summary>
public sealed class ComponentSpec
{
    /// <summary>A copy whose members are the same objects (for the inliner, which renames the copy only).</summary>
    internal ComponentSpec ShallowCopy() => (ComponentSpec)MemberwiseClone();

    public ComponentInputsSpec? InputDefinitions { get; set; }
    public ComponentOutputsSpec? OutputDefinitions { get; set; }
    public string? ExecutorLabel { get; set; }
    public DagSpec? Dag { get; set; }
    public JsonArray? SinglePlatformSpecs { get; set; }
    public JsonArray? TaskConfigPassthroughs { get; set; }
}
