using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Graph;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines;

/// <summary>
/// A component defined outside C#: a KFP component or pipeline compiled to IR YAML (by the Python KFP SDK or by
/// Mlops.Sdk). A single-container file runs as one task; a pipeline file is inlined as a nested DAG.
/// </summary>
public sealed class KfpComponent
{
    private KfpComponent(ComponentDefinition definition) => Definition = definition;

    internal ComponentDefinition Definition { get; }

    public string Name => Definition.Name;
    public IReadOnlyCollection<string> InputNames => Definition.Inputs.Keys.ToList();
    public IReadOnlyCollection<string> OutputNames => Definition.Outputs.Keys.ToList();

    /// <exception cref="PipelineException">The file is missing or is not a KFP IR file.</exception>
    public static KfpComponent Load(string path) =>
        File.Exists(path)
            ? Parse(ReadWithinLimit(path), path)
            : throw new PipelineException(Diagnostic.Error(ErrorCodes.Pipelines.FileNotFound,
                $"The component file '{path}' does not exist. Check the path (relative paths are resolved from the current directory).",
                new SourceLocation(path, 0)));

    private static string ReadWithinLimit(string path)
    {
        IrFile.EnsureSize(new FileInfo(path).Length, path);
        return File.ReadAllText(path);
    }

    /// <summary>Reads compiled IR (a component or a pipeline) or a KFP component YAML (<c>implementation: container:</c>).</summary>
    public static KfpComponent Parse(string yaml, string sourceName)
    {
        IReadOnlyList<System.Text.Json.Nodes.JsonNode?> documents;
        try
        {
            documents = Yaml.YamlJsonReader.ReadDocuments(yaml);
        }
        catch (Yaml.YamlFormatException)
        {
            return FromIr(IrFile.Parse(yaml, sourceName), sourceName);
        }
        return documents is [System.Text.Json.Nodes.JsonObject first, ..] && ComponentYaml.IsComponentYaml(first)
            ? new KfpComponent(ComponentYaml.Read(first, sourceName))
            : FromIr(IrFile.Parse(yaml, sourceName), sourceName);
    }

    /// <summary>As KFP's loader does: a file whose executors hold <c>exec-NAME</c> is one container component, any other is a graph.</summary>
    internal static KfpComponent FromIr(IrFile file, string sourceName)
    {
        if (file.ConfiguredPlatforms is [_, ..] platforms)
        {
            // Composition writes one PipelineSpec; the loaded file's platform settings (secrets, volumes, node
            // selectors) would be lost and the steps would run without them.
            throw new PipelineException(Diagnostic.Error(ErrorCodes.Pipelines.PlatformSpecNotCarried,
                $"'{sourceName}' has a PlatformSpec (its second YAML document) configuring {string.Join(", ", platforms)}, which composing it into this pipeline cannot carry: its steps would run without those secrets, volumes or node settings. Use a file without a PlatformSpec (compile it without kfp-kubernetes settings), or run it as a pipeline of its own.",
                new SourceLocation(sourceName, 0)));
        }
        var spec = file.Spec;
        var name = spec.PipelineInfo.Name;
        var executorLabel = "exec-" + name;
        var single = spec.DeploymentSpec.Executors.TryGetValue(executorLabel, out var executor)
            && spec.Components?.Count == 1 && spec.Root.Dag?.Tasks?.Count == 1;
        var interfaceSpec = single && spec.Components!.TryGetValue("comp-" + name, out var component) ? component : spec.Root;
        if (single && executor!.Container is null && executor.Importer is null)
        {
            throw new PipelineException(Diagnostic.Error(ErrorCodes.Pipelines.NotAComponent,
                $"'{sourceName}': executor '{executorLabel}' is neither a container nor an importer, so it cannot run as a task.",
                new SourceLocation(sourceName, 0)));
        }
        return new KfpComponent(new ComponentDefinition
        {
            Name = name,
            Description = spec.PipelineInfo.Description,
            Inputs = InputsOf(interfaceSpec),
            Outputs = OutputsOf(interfaceSpec),
            Container = single ? executor!.Container : null,
            Importer = single ? executor!.Importer : null,
            Graph = single ? null : spec,
        });
    }

    internal static Dictionary<string, InputDefinition> InputsOf(ComponentSpec spec)
    {
        var inputs = new Dictionary<string, InputDefinition>(StringComparer.Ordinal);
        foreach (var (name, p) in spec.InputDefinitions?.Parameters ?? [])
        {
            inputs[name] = new InputDefinition(IoType.From(p), p.IsOptional || p.DefaultValue is not null, p.DefaultValue, p.Description);
        }
        foreach (var (name, a) in spec.InputDefinitions?.Artifacts ?? [])
        {
            inputs[name] = new InputDefinition(IoType.From(a), a.IsOptional, null, a.Description);
        }
        return inputs;
    }

    internal static Dictionary<string, IoType> OutputsOf(ComponentSpec spec)
    {
        var outputs = new Dictionary<string, IoType>(StringComparer.Ordinal);
        foreach (var (name, p) in spec.OutputDefinitions?.Parameters ?? [])
        {
            outputs[name] = IoType.From(p);
        }
        foreach (var (name, a) in spec.OutputDefinitions?.Artifacts ?? [])
        {
            outputs[name] = IoType.From(a);
        }
        return outputs;
    }
}
