using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace Mlops.Restore.Tests.Support;

/// <summary>
/// Compiles C# as an aggregator project's build would (Nullable enabled, every warning an error, XML doc comments
/// checked), with manifest resources, and loads the assembly.
/// </summary>
public static class CSharpBuild
{
    public sealed record Result(Assembly? Assembly, IReadOnlyList<Microsoft.CodeAnalysis.Diagnostic> Diagnostics)
    {
        public string Describe() => string.Join("\n", Diagnostics.Select(d => d.ToString()));
    }

    public static Result Compile(IEnumerable<(string Path, string Code)> sources, IEnumerable<(string Name, byte[] Bytes)>? resources = null)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Code, parse, s.Path)).ToList();
        var compilation = CSharpCompilation.Create(
            "Aggregator" + Guid.NewGuid().ToString("N"),
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                warningLevel: 9999));
        using var pe = new MemoryStream();
        var emitted = compilation.Emit(pe, manifestResources: (resources ?? []).Select(r =>
            new ResourceDescription(r.Name, () => new MemoryStream(r.Bytes), isPublic: true)));
        var diagnostics = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning || d.IsWarningAsError).ToList();
        return new Result(emitted.Success ? Assembly.Load(pe.ToArray()) : null, diagnostics);
    }

    private static IEnumerable<MetadataReference> References()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(Mlops.Pipelines.Pipeline).Assembly.Location)
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase);
        return paths.Select(p => MetadataReference.CreateFromFile(p));
    }
}
