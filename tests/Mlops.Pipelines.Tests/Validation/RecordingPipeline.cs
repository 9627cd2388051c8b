using Mlops.Pipelines.Compiler;
using Mlops.Pipelines.Diagnostics;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>
/// A test pipeline that records, in <see cref="At"/>, the line of the call a diagnostic should point at
/// (<c>At = Line(); Run(...);</c> on one line). Build() runs during the compile, so read At after compiling.
/// </summary>
public abstract class RecordingPipeline : Pipeline
{
    public int At { get; protected set; }

    /// <summary>Compiles this pipeline; evaluate it before reading <see cref="At"/>.</summary>
    internal IReadOnlyList<Diagnostic> Diagnostics(CompileOptions? options = null) =>
        PipelineCompiler.Compile(this, options ?? DiagnosticAssert.Options).Diagnostics;
}
