using System.Runtime.CompilerServices;
using Mlops.Pipelines.Compiler;
using Mlops.Pipelines.Diagnostics;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>
/// Compiles a pipeline and asserts it produced exactly one diagnostic: the expected code, at the expected line of the
/// calling test file (so a diagnostic that points into the SDK, or a cascade of follow-up errors, fails the test).
/// </summary>
internal static class DiagnosticAssert
{
    public static CompileOptions Options { get; } = new() { SdkVersion = "mlops-sdk-test" };

    /// <summary>Call on the same line as the call a diagnostic should point at.</summary>
    public static int Line([CallerLineNumber] int line = 0) => line;

    public static Diagnostic Single(Pipeline pipeline, string code, int line, CompileOptions? options = null,
        [CallerFilePath] string testFile = "") =>
        Single(PipelineCompiler.Compile(pipeline, options ?? Options).Diagnostics, code, line, testFile);

    public static Diagnostic Single(IReadOnlyList<Diagnostic> diagnostics, string code, int line, [CallerFilePath] string testFile = "")
    {
        Assert.True(diagnostics.Count == 1,
            $"expected one {code}, got {diagnostics.Count}:{Environment.NewLine}{string.Join(Environment.NewLine, diagnostics)}");
        var diagnostic = diagnostics[0];
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        AssertAt(diagnostic, line, testFile);
        return diagnostic;
    }

    public static void AssertAt(Diagnostic diagnostic, int line, [CallerFilePath] string testFile = "")
    {
        Assert.NotNull(diagnostic.Location);
        Assert.EndsWith(Path.DirectorySeparatorChar + Path.GetFileName(testFile), diagnostic.Location.File);
        Assert.Equal(line, diagnostic.Location.Line);
    }

    /// <summary>Compiles and asserts there is no diagnostic at all.</summary>
    public static CompiledPipeline Clean(Pipeline pipeline, CompileOptions? options = null)
    {
        var compiled = PipelineCompiler.Compile(pipeline, options ?? Options);
        Assert.True(compiled.Diagnostics.Count == 0, string.Join(Environment.NewLine, compiled.Diagnostics));
        return compiled;
    }
}
