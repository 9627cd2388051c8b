namespace Mlops.Backends;

/// <summary>A run to create: the compiled pipeline (IR YAML bytes) and its parameter values as text.</summary>
public sealed record PipelineRunRequest(string PipelineName, ReadOnlyMemory<byte> Ir, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>Where the IR came from (a file, a registry URI pinned by digest), recorded with the run.</summary>
    public string Source { get; init; } = "";
}
