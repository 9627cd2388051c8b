using System.Text.Json.Nodes;
using Mlops.Pipelines.Ir;

namespace Mlops.Runner.Execution;

/// <summary>
/// The values a run's parameters take from what the user typed (<c>--param NAME=VALUE</c>), checked against the
/// pipeline's root inputs before anything runs or is sent: an unknown name is MLOPS2001, a value not of the declared
/// type (including a number that is not finite) MLOPS2002, a required parameter not given MLOPS2003.
/// </summary>
public static class RootParameters
{
    /// <summary>The given values, typed; required parameters without a default must be given. A remote backend applies the defaults itself.</summary>
    /// <exception cref="RunRequestException">A parameter is unknown, missing or of the wrong type.</exception>
    public static Dictionary<string, JsonNode?> Bind(PipelineSpec spec, IReadOnlyDictionary<string, string> given)
    {
        var definitions = spec.Root.InputDefinitions?.Parameters ?? [];
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, text) in given)
        {
            if (!definitions.TryGetValue(name, out var definition))
            {
                throw new RunRequestException("MLOPS2001", definitions.Count == 0
                    ? $"Pipeline '{spec.PipelineInfo.Name}' has no parameters; remove --param {name}."
                    : $"Pipeline '{spec.PipelineInfo.Name}' has no parameter '{name}'; its parameters are {string.Join(", ", definitions.Keys.Select(k => $"'{k}'"))}.");
            }
            try
            {
                var value = ParameterValues.FromCommandLine(text, definition.ParameterType);
                if (value is JsonValue number && number.TryGetValue<double>(out var d) && !double.IsFinite(d))
                {
                    throw new FormatException("not finite");
                }
                values[name] = value;
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or OverflowException or InvalidOperationException or ArgumentException)
            {
                throw new RunRequestException("MLOPS2002",
                    $"Parameter '{name}' of '{spec.PipelineInfo.Name}' takes a {Describe(definition.ParameterType)}; '{text}' is not one.");
            }
        }
        foreach (var (name, definition) in definitions)
        {
            if (!values.ContainsKey(name) && definition.DefaultValue is null && !definition.IsOptional)
            {
                throw new RunRequestException("MLOPS2003",
                    $"Pipeline '{spec.PipelineInfo.Name}' needs parameter '{name}' ({definition.ParameterType}); pass it as --param {name}=VALUE.");
            }
        }
        return values;
    }

    /// <summary>The given values and, for the others, their defaults: every value a run on this machine starts with.</summary>
    public static Dictionary<string, JsonNode?> Resolve(PipelineSpec spec, IReadOnlyDictionary<string, string> given)
    {
        var values = Bind(spec, given);
        foreach (var (name, definition) in spec.Root.InputDefinitions?.Parameters ?? [])
        {
            if (!values.ContainsKey(name) && definition.DefaultValue is not null)
            {
                values[name] = definition.DefaultValue.DeepClone();
            }
        }
        return values;
    }

    private static string Describe(ParameterType type) => type switch
    {
        ParameterType.NumberInteger => "whole number (NUMBER_INTEGER)",
        ParameterType.NumberDouble => "finite number (NUMBER_DOUBLE)",
        ParameterType.Boolean => "true or false (BOOLEAN)",
        ParameterType.List => "JSON list (LIST)",
        ParameterType.Struct => "JSON object (STRUCT)",
        _ => $"{type} value",
    };
}
