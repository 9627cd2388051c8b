using System.Reflection;
using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Graph;

namespace Mlops.Pipelines.Compiler;

/// <summary>Compiles a C# pipeline to KFP IR (PipelineSpec, schemaVersion 2.1.0). Pure: objects in, IR out.</summary>
public static class PipelineCompiler
{
    /// <summary>Compiles <paramref name="pipeline"/>; problems are in the result's diagnostics, never thrown.</summary>
    public static CompiledPipeline Compile(Pipeline pipeline, CompileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return new CompileSession(options ?? CompileOptions.For(pipeline.GetType().Assembly)).Compile(pipeline);
    }

    /// <summary>The name a pipeline class compiles to: its [Pipeline] name, else its class name in kebab-case.</summary>
    public static string NameOf(Type pipelineType) =>
        pipelineType.GetCustomAttribute<PipelineAttribute>()?.Name ?? KfpNames.KebabCase(pipelineType.Name);

    internal static CompiledPipeline CompileCore(Pipeline pipeline, CompileSession session)
    {
        var type = pipeline.GetType();
        var attribute = type.GetCustomAttribute<PipelineAttribute>();
        var name = NameOf(type);
        var location = attribute?.DeclaredAt ?? pipeline.DeclaredAt;
        var trace = new PipelineTrace(pipeline, name, session, location);
        if (!KfpNames.IsValidPipelineName(name))
        {
            trace.Report(ErrorCodes.Pipelines.InvalidPipelineName,
                $"Pipeline name '{name}' of {type.Name} is not accepted by KFP and Vertex AI: use lower-case letters, digits and '-', start with a letter, at most 113 characters (e.g. '{Suggest(name)}').",
                location);
        }
        try
        {
            pipeline.TraceInto(trace);
        }
        catch (PipelineException e)
        {
            // A problem the SDK diagnosed (MLOPS1036, an IR file that cannot be loaded): keep its code, and point at the
            // user's call unless the diagnostic has a line of its own (a line in a YAML file).
            var at = ThrownAt(e, type.Assembly) ?? location;
            trace.Diagnostics.AddRange(e.Diagnostics.Select(d => d.Location is { Line: > 0 } ? d : d with { Location = at ?? d.Location }));
            if (e.Diagnostics.Any(d => d.Code == ErrorCodes.Pipelines.BuildRecursionTooDeep))
            {
                // What endless recursion traced is as deep as the stack: compiling it would overflow there.
                trace.Root.Children.Clear();
            }
        }
        catch (Exception e)
        {
            trace.Report(ErrorCodes.Pipelines.PipelineBuildFailed,
                $"{type.Name}.Build() threw {e.GetType().Name}: {e.Message}", ThrownAt(e, type.Assembly) ?? location);
        }
        if (trace.Root.Children.Count == 0 && trace.Diagnostics.Count == 0)
        {
            trace.Report(ErrorCodes.Pipelines.EmptyPipeline, $"Pipeline {type.Name} has no tasks; add at least one Run(...) in Build().", location);
        }
        var spec = new DagCompiler(trace, session.Options, attribute).Compile();
        return new CompiledPipeline(name, spec, trace.Diagnostics.ToList());
    }

    /// <summary>
    /// The user's line that threw: the deepest frame in <paramref name="userAssembly"/>, else the deepest frame with a
    /// file outside this library (never a line of the SDK itself).
    /// </summary>
    internal static SourceLocation? ThrownAt(Exception e, Assembly userAssembly)
    {
        var frames = new System.Diagnostics.StackTrace(e, fNeedFileInfo: true).GetFrames()
            .Where(f => f.GetFileName() is not null && f.GetMethod()?.DeclaringType?.Assembly != typeof(PipelineCompiler).Assembly).ToList();
        var frame = frames.FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Assembly == userAssembly) ?? frames.FirstOrDefault();
        return frame is null ? null : new SourceLocation(frame.GetFileName()!, frame.GetFileLineNumber(), frame.GetFileColumnNumber());
    }

    private static string Suggest(string name)
    {
        var k8s = KfpNames.ToK8s(KfpNames.KebabCase(name));
        return k8s.Length > 0 && char.IsLetter(k8s[0]) ? k8s : "p-" + k8s;
    }
}
