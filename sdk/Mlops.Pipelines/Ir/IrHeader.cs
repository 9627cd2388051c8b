using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mlops.Pipelines.Ir;

/// <summary>
/// The comment block KFP writes above the spec: name, description, and the root inputs and outputs with their
/// defaults as Python would print them. The KFP loader reads the description back from it.
/// </summary>
public static class IrHeader
{
    public static string Create(PipelineSpec spec)
    {
        var header = new StringBuilder();
        header.Append("# PIPELINE DEFINITION\n");
        header.Append("# Name: ").Append(spec.PipelineInfo.Name).Append('\n');
        if (!string.IsNullOrEmpty(spec.PipelineInfo.Description))
        {
            var lines = spec.PipelineInfo.Description.Split('\n');
            header.Append("# Description: ").Append(lines[0]).Append('\n');
            foreach (var line in lines.Skip(1))
            {
                header.Append('#').Append(' ', 14).Append(line).Append('\n');
            }
        }
        AppendSection(header, "Inputs", spec.Root.InputDefinitions?.Parameters, spec.Root.InputDefinitions?.Artifacts);
        AppendSection(header, "Outputs", spec.Root.OutputDefinitions?.Parameters, spec.Root.OutputDefinitions?.Artifacts);
        return header.ToString();
    }

    private static void AppendSection(StringBuilder header, string title,
        Dictionary<string, ParameterSpec>? parameters, Dictionary<string, ArtifactSpec>? artifacts)
    {
        if (parameters is null && artifacts is null)
        {
            return;
        }
        var lines = new List<(string Name, string Line)>();
        foreach (var (name, parameter) in parameters ?? [])
        {
            var line = $"{name}: {CommentType(parameter.ParameterType)}";
            if (parameter.DefaultValue is not null)
            {
                line += $" [Default: {PythonRepr(parameter.DefaultValue)}]";
            }
            lines.Add((name, line));
        }
        foreach (var (name, artifact) in artifacts ?? [])
        {
            lines.Add((name, $"{name}: {artifact.ArtifactType.SchemaTitle}"));
        }
        header.Append("# ").Append(title).Append(":\n");
        foreach (var (_, line) in lines.OrderBy(l => l.Name, StringComparer.Ordinal))
        {
            header.Append("#    ").Append(line).Append('\n');
        }
    }

    private static string CommentType(ParameterType type) => type switch
    {
        ParameterType.String => "str",
        ParameterType.NumberInteger => "int",
        ParameterType.NumberDouble => "float",
        ParameterType.List => "list",
        ParameterType.Struct => "dict",
        ParameterType.Boolean => "bool",
        ParameterType.TaskFinalStatus => "PipelineTaskFinalStatus",
        ParameterType.TaskConfig => "TaskConfig",
        _ => "str",
    };

    /// <summary>Python's <c>repr</c> of a string: a line break in a default must not end the comment line.</summary>
    private static string PythonStringRepr(string text)
    {
        var quote = text.Contains('\'') && !text.Contains('"') ? '"' : '\'';
        var builder = new StringBuilder().Append(quote);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c == quote => "\\" + c,
                _ when char.IsControl(c) => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }
        return builder.Append(quote).ToString();
    }

    private static string PythonRepr(JsonNode? node) => node switch
    {
        null => "None",
        JsonObject obj => "{" + string.Join(", ", obj.Select(p => $"'{p.Key}': {PythonRepr(p.Value)}")) + "}",
        JsonArray array => "[" + string.Join(", ", array.Select(i => PythonRepr(i))) + "]",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => PythonStringRepr(value.GetValue<string>()),
            JsonValueKind.True => "True",
            JsonValueKind.False => "False",
            JsonValueKind.Number => ProtoDouble.Format(value.GetValue<double>()),
            _ => "None",
        },
        _ => "None",
    };
}
