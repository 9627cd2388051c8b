namespace Mlops.Pipelines.Ir;

public sealed class ParameterIteratorSpec
{
    public ParameterIteratorItems Items { get; set; } = new();
    public string ItemInput { get; set; } = "";
}

public sealed class ParameterIteratorItems
{
    /// <summary>The items as JSON text, for a loop over a literal list.</summary>
    public string? Raw { get; set; }
    public string? InputParameter { get; set; }
}

public sealed class ArtifactIteratorSpec
{
    public ArtifactIteratorItems Items { get; set; } = new();
    public string ItemInput { get; set; } = "";
}

public sealed class ArtifactIteratorItems
{
    public string? InputArtifact { get; set; }
}
