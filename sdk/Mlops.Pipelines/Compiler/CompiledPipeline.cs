using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Compiler;

/// <summary>The result of compiling one pipeline: its IR, or the diagnostics that prevented it.</summary>
public sealed class CompiledPipeline
{
    internal CompiledPipeline(string name, PipelineSpec spec, IReadOnlyList<Diagnostic> diagnostics)
    {
        Name = name;
        Spec = spec;
        Diagnostics = diagnostics;
    }

    public string Name { get; }
    public PipelineSpec Spec { get; }
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
    public bool Succeeded => Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error);

    public IrFile ToIrFile() => new(Spec);

    /// <summary>The IR file's text.</summary>
    public string ToYaml() => ToIrFile().ToYaml();

    /// <summary>Throws when the pipeline had errors (for tests and tools that want the IR or nothing).</summary>
    public CompiledPipeline EnsureSuccess() => Succeeded ? this : throw new PipelineException(Diagnostics.ToList());
}
