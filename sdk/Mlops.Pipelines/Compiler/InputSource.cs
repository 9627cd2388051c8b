using Mlops.Pipelines.Graph;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Compiler;

/// <summary>A resolved source of a task input: a component input of the enclosing DAG, or a sibling's output.</summary>
internal sealed record InputSource(string? ComponentInput, string? ProducerTask = null, string? OutputKey = null)
{
    /// <summary>Makes <paramref name="input"/> of <paramref name="task"/> read from this source.</summary>
    public void SetOn(PipelineTaskSpec task, string input, IoType type)
    {
        task.Inputs ??= new TaskInputsSpec();
        if (type.IsArtifact)
        {
            (task.Inputs.Artifacts ??= [])[input] = ComponentInput is not null
                ? new TaskInputArtifactSpec { ComponentInputArtifact = ComponentInput }
                : new TaskInputArtifactSpec { TaskOutputArtifact = new TaskOutputArtifactReference { ProducerTask = ProducerTask!, OutputArtifactKey = OutputKey! } };
        }
        else
        {
            (task.Inputs.Parameters ??= [])[input] = ComponentInput is not null
                ? new TaskInputParameterSpec { ComponentInputParameter = ComponentInput }
                : new TaskInputParameterSpec { TaskOutputParameter = new TaskOutputParameterReference { ProducerTask = ProducerTask!, OutputParameterKey = OutputKey! } };
        }
    }
}
