using System.Text.Json.Nodes;

namespace Mlops.Pipelines.Ir;

public sealed class TaskInputsSpec
{
    public Dictionary<string, TaskInputArtifactSpec>? Artifacts { get; set; }
    public Dictionary<string, TaskInputParameterSpec>? Parameters { get; set; }
}

/// <summary>Where a task input parameter comes from: exactly one of the sources is set.</summary>
public sealed class TaskInputParameterSpec
{
    public string? ComponentInputParameter { get; set; }
    public TaskOutputParameterReference? TaskOutputParameter { get; set; }
    public RuntimeValue? RuntimeValue { get; set; }
    public TaskFinalStatusReference? TaskFinalStatus { get; set; }
    public string? ParameterExpressionSelector { get; set; }
}

public sealed class TaskOutputParameterReference
{
    public string ProducerTask { get; set; } = "";
    public string OutputParameterKey { get; set; } = "";
}

public sealed class TaskFinalStatusReference
{
    public string ProducerTask { get; set; } = "";
}

public sealed class RuntimeValue
{
    public JsonNode? Constant { get; set; }
}

public sealed class TaskInputArtifactSpec
{
    public string? ComponentInputArtifact { get; set; }
    public TaskOutputArtifactReference? TaskOutputArtifact { get; set; }
}

public sealed class TaskOutputArtifactReference
{
    public string ProducerTask { get; set; } = "";
    public string OutputArtifactKey { get; set; } = "";
}
