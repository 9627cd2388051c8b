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
        var location = pipeline.DeclaredAt;
        var trace = new PipelineTrace(pipeline, name, session, location);
        if (!KfpNames.IsValidPipelineName(name))
        {
            trace.Report(DiagnosticCodes.InvalidPipelineName,
                $"Pipeline name '{name}' of {type.Name} is not accepted by KFP and Vertex AI: use lower-case letters, digits and '-', start with a letter, at most 113 characters (e.g. '{Suggest(name)}').",
                location);
        }
        try
        {
            pipeline.TraceInto(trace);
        }
        catch (Exception e)
        {
            // Point at the user's code: the deepest frame in the pipeline's own assembly, else any frame with a file.
            var frames = new System.Diagnostics.StackTrace(e, fNeedFileInfo: true).GetFrames().Where(f => f.GetFileName() is not null).ToList();
            var frame = frames.FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Assembly == type.Assembly) ?? frames.FirstOrDefault();
            trace.Report(DiagnosticCodes.PipelineBuildFailed,
                $"{type.Name}.Build() threw {e.GetType().Name}: {e.Message}",
                frame is null ? location : new SourceLocation(frame.GetFileName()!, frame.GetFileLineNumber(), frame.GetFileColumnNumber()));
        }
        if (trace.Root.Children.Count == 0 && trace.Diagnostics.Count == 0)
        {
            trace.Report(DiagnosticCodes.EmptyPipeline, $"Pipeline {type.Name} has no tasks; add at least one Run(...) in Build().", location);
        }
        var spec = new DagCompiler(trace, session.Options, attribute).Compile();
        return new CompiledPipeline(name, spec, trace.Diagnostics.ToList());
    }

    private static string Suggest(string name)
    {
        var k8s = KfpNames.ToK8s(KfpNames.KebabCase(name));
        return k8s.Length > 0 && char.IsLetter(k8s[0]) ? k8s : "p-" + k8s;
    }
}
