namespace Mlops.Pipelines.Diagnostics;

/// <summary>Raised when user input (a pipeline, a component file, an IR file) cannot be used; carries the diagnostics.</summary>
public sealed class PipelineException : MlopsException
{
    public PipelineException(IReadOnlyList<Diagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics.Select(d => d.ToCanonicalString())), diagnostics)
    {
    }

    public PipelineException(Diagnostic diagnostic) : this([diagnostic])
    {
    }
}
