namespace Mlops.Pipelines.Ir;

public sealed class DagSpec
{
    /// <summary>A copy whose members are the same objects (for the inliner, which renames the copy only).</summary>
    internal DagSpec ShallowCopy() => (DagSpec)MemberwiseClone();

    public Dictionary<string, PipelineTaskSpec>? Tasks { get; set; }
    public DagOutputsSpec? Outputs { get; set; }
}

public sealed class DagOutputsSpec
{
    public Dictionary<string, DagOutputArtifactSpec>? Artifacts { get; set; }
    public Dictionary<string, DagOutputParameterSpec>? Parameters { get; set; }
}

public sealed class DagOutputArtifactSpec
{
    public List<ArtifactSelector> ArtifactSelectors { get; set; } = [];
}

public sealed class ArtifactSelector
{
    public string ProducerSubtask { get; set; } = "";
    public string OutputArtifactKey { get; set; } = "";
}

public sealed class DagOutputParameterSpec
{
    public ParameterSelector? ValueFromParameter { get; set; }
    public ParameterSelectorList? ValueFromOneof { get; set; }
}

public sealed class ParameterSelector
{
    public string ProducerSubtask { get; set; } = "";
    public string OutputParameterKey { get; set; } = "";
}

public sealed class ParameterSelectorList
{
    public List<ParameterSelector> ParameterSelectors { get; set; } = [];
}
