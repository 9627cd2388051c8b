using System.Text.Json.Nodes;
using Mlops.Pipelines.Graph;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Compiler;

/// <summary>A component's interface in the IR: its input and output definitions, as KFP's compiler writes them.</summary>
internal static class ComponentInterfaces
{
    /// <summary>The interface of a task's component (no executor, no DAG yet).</summary>
    public static ComponentSpec Of(ComponentDefinition definition)
    {
        var component = new ComponentSpec();
        foreach (var (name, input) in definition.Inputs)
        {
            AddInputDefinition(component, name, input.Type, input.IsOptional, input.DefaultValue, input.Description);
        }
        foreach (var (name, type) in definition.Outputs)
        {
            component.OutputDefinitions ??= new ComponentOutputsSpec();
            if (type.IsArtifact)
            {
                (component.OutputDefinitions.Artifacts ??= [])[name] = new ArtifactSpec { ArtifactType = type.ToSchema(), IsArtifactList = type.IsArtifactList };
            }
            else
            {
                (component.OutputDefinitions.Parameters ??= [])[name] = new ParameterSpec { ParameterType = type.ParameterType };
            }
        }
        return component;
    }

    public static void AddInputDefinition(ComponentSpec component, string name, IoType type, bool optional, JsonNode? defaultValue, string? description)
    {
        component.InputDefinitions ??= new ComponentInputsSpec();
        if (type.IsArtifact)
        {
            (component.InputDefinitions.Artifacts ??= [])[name] = new ArtifactSpec
            {
                ArtifactType = type.ToSchema(), IsArtifactList = type.IsArtifactList, IsOptional = optional, Description = description,
            };
        }
        else
        {
            var finalStatus = type.ParameterType == ParameterType.TaskFinalStatus;
            (component.InputDefinitions.Parameters ??= [])[name] = new ParameterSpec
            {
                ParameterType = type.ParameterType,
                IsOptional = optional || finalStatus,
                DefaultValue = finalStatus ? null : defaultValue?.DeepClone(),
                Description = description,
            };
        }
    }
}
