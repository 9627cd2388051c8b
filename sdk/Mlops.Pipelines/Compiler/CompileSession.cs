using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Graph;

namespace Mlops.Pipelines.Compiler;

/// <summary>One compile: the options, and the pipelines compiled for use as nested components (once per type).</summary>
internal sealed class CompileSession(CompileOptions options)
{
    private readonly Dictionary<Type, ComponentDefinition> nested = [];
    private readonly Stack<Type> compiling = new();

    public CompileOptions Options { get; } = options;

    public ComponentDefinition DefineNested(ComponentShape shape, SourceLocation location, List<Diagnostic> diagnostics)
    {
        if (nested.TryGetValue(shape.Type, out var known))
        {
            return known;
        }
        if (compiling.Contains(shape.Type) || !shape.IsConstructible)
        {
            diagnostics.Add(Diagnostic.Error(ErrorCodes.Pipelines.PipelineNotConstructible,
                compiling.Contains(shape.Type)
                    ? $"Pipeline {shape.Type.Name} runs itself (directly or through another pipeline); a pipeline cannot contain itself."
                    : $"Pipeline {shape.Type.Name} is used as a task, so it needs a public parameterless constructor.",
                location));
            return new ComponentDefinition { Name = shape.Name, Inputs = new Dictionary<string, InputDefinition>(), Outputs = new Dictionary<string, IoType>() };
        }
        var child = (Pipeline)Activator.CreateInstance(shape.Type)!;
        var compiled = Compile(child);
        // A nested pipeline class usually has no [Pipeline] attribute, so no location of its own: use the Run.
        diagnostics.AddRange(compiled.Diagnostics.Select(d => d.Location is null ? d with { Location = location } : d));
        var definition = new ComponentDefinition
        {
            Name = compiled.Spec.PipelineInfo.Name,
            Description = compiled.Spec.PipelineInfo.Description,
            Inputs = KfpComponent.InputsOf(compiled.Spec.Root),
            Outputs = KfpComponent.OutputsOf(compiled.Spec.Root),
            Graph = compiled.Spec,
        };
        nested[shape.Type] = definition;
        return definition;
    }

    public CompiledPipeline Compile(Pipeline pipeline)
    {
        var type = pipeline.GetType();
        compiling.Push(type);
        try
        {
            return PipelineCompiler.CompileCore(pipeline, this);
        }
        finally
        {
            compiling.Pop();
        }
    }
}
