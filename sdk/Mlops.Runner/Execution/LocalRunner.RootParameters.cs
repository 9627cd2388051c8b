using System.Text.Json.Nodes;
using Mlops.Pipelines.Ir;

namespace Mlops.Runner.Execution;

public sealed partial class LocalRunner
{
    private static Dictionary<string, JsonNode?> ResolveRootParameters(PipelineSpec spec, IReadOnlyDictionary<string, string> given)
    {
        var definitions = spec.Root.InputDefinitions?.Parameters ?? [];
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, text) in given)
        {
            if (!definitions.TryGetValue(name, out var definition))
            {
                throw new RunRequestException("MLOPS2001",
                    $"Pipeline '{spec.PipelineInfo.Name}' has no parameter '{name}'; its parameters are {string.Join(", ", definitions.Keys.Select(k => $"'{k}'"))}.");
            }
            try
            {
                values[name] = ParameterValues.FromCommandLine(text, definition.ParameterType);
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or OverflowException)
            {
                throw new RunRequestException("MLOPS2002",
                    $"Parameter '{name}' of '{spec.PipelineInfo.Name}' takes a {definition.ParameterType} value; '{text}' is not one.");
            }
        }
        foreach (var (name, definition) in definitions)
        {
            if (values.ContainsKey(name))
            {
                continue;
            }
            if (definition.DefaultValue is not null)
            {
                values[name] = definition.DefaultValue.DeepClone();
            }
            else if (!definition.IsOptional)
            {
                throw new RunRequestException("MLOPS2003",
                    $"Pipeline '{spec.PipelineInfo.Name}' needs parameter '{name}' ({definition.ParameterType}); pass it as --param {name}=VALUE.");
            }
        }
        var missingArtifacts = (spec.Root.InputDefinitions?.Artifacts ?? []).Where(a => !a.Value.IsOptional).Select(a => a.Key).ToList();
        if (missingArtifacts.Count > 0)
        {
            throw new RunRequestException("MLOPS2003",
                $"Pipeline '{spec.PipelineInfo.Name}' needs input artifacts ({string.Join(", ", missingArtifacts)}), which a local run cannot provide yet; run a pipeline that produces them.");
        }
        return values;
    }
}
