using System.Reflection;
using Mlops.Pipelines.Compiler;
using Mlops.Pipelines.Diagnostics;

namespace Mlops.Pipelines.Hosting;

/// <summary>A pipeline class of the project: every non-abstract <see cref="Pipeline"/> marked with <see cref="PipelineAttribute"/>.</summary>
public sealed record PipelineEntry(string Name, Type Type, string? Description);

public static class PipelineCatalog
{
    public static IReadOnlyList<PipelineEntry> Discover(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(Pipeline).IsAssignableFrom(t) && t.GetCustomAttribute<PipelineAttribute>() is not null)
            .Select(t => new PipelineEntry(PipelineCompiler.NameOf(t), t, t.GetCustomAttribute<PipelineAttribute>()!.Description))
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>Compiles every pipeline of the assembly; the diagnostics say what went wrong for each one that failed.</summary>
    public static (IReadOnlyList<CompiledPipeline> Pipelines, IReadOnlyList<Diagnostic> Diagnostics) CompileAll(
        Assembly assembly, CompileOptions options, IReadOnlyCollection<string>? only = null)
    {
        var diagnostics = new List<Diagnostic>();
        var compiled = new List<CompiledPipeline>();
        var entries = Discover(assembly);
        foreach (var duplicate in entries.GroupBy(e => e.Name).Where(g => g.Count() > 1))
        {
            // One error per class, each at its own [Pipeline] attribute, like C#'s own duplicate-name errors.
            foreach (var entry in duplicate)
            {
                var others = string.Join(" and ", duplicate.Where(e => e != entry).Select(e => e.Type.FullName));
                diagnostics.Add(Diagnostic.Error(ErrorCodes.Pipelines.DuplicatePipelineName,
                    $"Pipeline {entry.Type.FullName} is named '{duplicate.Key}', like {others}; give each pipeline a unique [Pipeline(\"...\")] name.",
                    DeclaredAt(entry.Type)));
            }
        }
        foreach (var unknown in (only ?? []).Where(n => entries.All(e => e.Name != n)))
        {
            diagnostics.Add(Diagnostic.Error(ErrorCodes.Pipelines.InvalidPipelineName,
                $"There is no pipeline named '{unknown}'; the pipelines are {string.Join(", ", entries.Select(e => $"'{e.Name}'"))}."));
        }
        foreach (var entry in entries.Where(e => only is not { Count: > 0 } || only.Contains(e.Name)))
        {
            if (entry.Type.ContainsGenericParameters)
            {
                diagnostics.Add(Diagnostic.Error(ErrorCodes.Pipelines.PipelineNotConstructible,
                    $"Pipeline {entry.Type.FullName} is generic (or inside a generic class), so it cannot be compiled as is: put [Pipeline] on a non-generic class (e.g. one that derives from it with its type arguments given) and remove it from the generic one.",
                    DeclaredAt(entry.Type)));
                continue;
            }
            if (entry.Type.GetConstructor(Type.EmptyTypes) is null)
            {
                diagnostics.Add(Diagnostic.Error(ErrorCodes.Pipelines.PipelineNotConstructible,
                    $"Pipeline {entry.Type.FullName} needs a public parameterless constructor so that it can be compiled.", DeclaredAt(entry.Type)));
                continue;
            }
            Pipeline pipeline;
            try
            {
                pipeline = (Pipeline)Activator.CreateInstance(entry.Type)!;
            }
            catch (TargetInvocationException e)
            {
                var at = (e.InnerException is { } inner ? PipelineCompiler.ThrownAt(inner, entry.Type.Assembly) : null) ?? DeclaredAt(entry.Type);
                diagnostics.AddRange(e.InnerException is PipelineException diagnosed
                    ? diagnosed.Diagnostics.Select(d => d.Location is { Line: > 0 } ? d : d with { Location = at ?? d.Location })
                    : [Diagnostic.Error(ErrorCodes.Pipelines.PipelineNotConstructible,
                        $"The constructor of pipeline {entry.Type.FullName} threw {e.InnerException?.GetType().Name}: {e.InnerException?.Message}", at)]);
                continue;
            }
            var result = PipelineCompiler.Compile(pipeline, options);
            diagnostics.AddRange(result.Diagnostics);
            compiled.Add(result);
        }
        return (compiled, diagnostics);
    }

    private static SourceLocation? DeclaredAt(Type type) => type.GetCustomAttribute<PipelineAttribute>()?.DeclaredAt;
}
