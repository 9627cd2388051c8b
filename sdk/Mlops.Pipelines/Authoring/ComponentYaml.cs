using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mlops.Pipelines.Compiler;
using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Graph;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines;

/// <summary>
/// Reads a KFP component YAML (<c>name</c>, <c>inputs</c>, <c>outputs</c>, <c>implementation.container</c>, as the KFP
/// v1 component spec and <c>kfp.components.load_component_from_file</c> define it) into a component definition,
/// converting the structured command-line items to v2 placeholders the way the KFP SDK does.
/// </summary>
internal static partial class ComponentYaml
{
    [GeneratedRegex("[^_0-9a-z]+")]
    private static partial Regex NotIdentifier();

    public static bool IsComponentYaml(JsonObject document) => document.ContainsKey("implementation");

    public static ComponentDefinition Read(JsonObject document, string sourceName)
    {
        var name = Text(document["name"], "name", sourceName) ?? Fail(sourceName, "it has no 'name'");
        var container = Mapping(Mapping(document["implementation"], "implementation", sourceName)?["container"], "implementation.container", sourceName)
            ?? Fail<JsonObject>(sourceName, "only 'implementation: container:' components can run as tasks");
        var inputs = new Dictionary<string, InputDefinition>(StringComparer.Ordinal);
        var outputs = new Dictionary<string, IoType>(StringComparer.Ordinal);
        var declaredInputs = Declarations(document["inputs"], sourceName);
        var declaredOutputs = Declarations(document["outputs"], sourceName);

        // A v1 input is an artifact when the command line takes its path, a parameter when it takes its value.
        var usage = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in Flatten(container["command"]).Concat(Flatten(container["args"])))
        {
            if (item is JsonObject o && o.Count == 1)
            {
                var (kind, target) = o.First();
                if (target is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                {
                    usage[kind + ":" + v.GetValue<string>()] = kind;
                }
            }
        }
        foreach (var (declared, type, optional, defaultValue, description) in declaredInputs)
        {
            var key = Sanitize(declared);
            var isArtifact = usage.ContainsKey("inputPath:" + declared) || usage.ContainsKey("inputUri:" + declared);
            var ioType = isArtifact ? ArtifactType(type) : ParameterTypeOf(type);
            inputs[key] = new InputDefinition(ioType, optional || defaultValue is not null, isArtifact ? null : Default(defaultValue, ioType, declared, sourceName), description);
        }
        foreach (var (declared, type, _, _, _) in declaredOutputs)
        {
            outputs[Sanitize(declared)] = IsParameterTypeName(type) && !usage.ContainsKey("outputUri:" + declared) ? ParameterTypeOf(type) : ArtifactType(type);
        }

        return new ComponentDefinition
        {
            Name = name,
            Description = Text(document["description"], "description", sourceName),
            Inputs = inputs,
            Outputs = outputs,
            Container = new ContainerSpec
            {
                Image = Text(container["image"], "image", sourceName) ?? Fail(sourceName, "the container has no 'image'"),
                Command = Items(container["command"], inputs, outputs, sourceName),
                Args = Items(container["args"], inputs, outputs, sourceName),
                Env = EnvOf(Mapping(container["env"], "env", sourceName), sourceName),
            },
        };
    }

    /// <summary>The container's environment: names a shell and Kubernetes accept (MLOPS1096), scalar values.</summary>
    private static List<EnvVar>? EnvOf(JsonObject? env, string sourceName)
    {
        if (env is null)
        {
            return null;
        }
        var variables = new List<EnvVar>();
        foreach (var (name, value) in env)
        {
            if (EnvironmentVariableNames.Problem(name) is { } problem)
            {
                throw new PipelineException(Diagnostic.Error(ErrorCodes.Pipelines.InvalidEnvironmentVariableName,
                    $"'{sourceName}' sets the container's env, and {problem}", new SourceLocation(sourceName, 0)));
            }
            if (value is JsonObject or JsonArray)
            {
                Fail(sourceName, $"'env.{name}' is {Kind(value)}, but an environment variable's value is one string; quote the value");
            }
            variables.Add(new EnvVar { Name = name, Value = value?.ToString() });
        }
        return variables;
    }

    private static List<(string Name, string? Type, bool Optional, JsonNode? Default, string? Description)> Declarations(JsonNode? list, string sourceName) =>
        (list as JsonArray ?? []).Select(i => i as JsonObject ?? Fail<JsonObject>(sourceName, "inputs and outputs are lists of mappings"))
            .Select(i => (Text(i["name"], "name", sourceName) ?? Fail(sourceName, "an input or output has no 'name'"),
                i["type"] is JsonValue t ? t.ToString() : null,
                Flag(i["optional"], "optional", sourceName),
                i["default"]?.DeepClone(),
                Text(i["description"], "description", sourceName)))
            .ToList();

    /// <summary>Outputs of these types are parameters; untyped outputs and any other type name are artifacts.</summary>
    private static bool IsParameterTypeName(string? type) => (type ?? "").ToLowerInvariant() is
        "string" or "str" or "text" or "integer" or "int" or "float" or "double" or "boolean" or "bool" or "jsonarray" or "list" or "jsonobject" or "dict";

    private static IoType ParameterTypeOf(string? type) => (type ?? "").ToLowerInvariant() switch
    {
        "integer" or "int" => IoType.Parameter(ParameterType.NumberInteger),
        "float" or "double" => IoType.Parameter(ParameterType.NumberDouble),
        "boolean" or "bool" => IoType.Parameter(ParameterType.Boolean),
        "jsonarray" or "list" => IoType.Parameter(ParameterType.List),
        "jsonobject" or "dict" => IoType.Parameter(ParameterType.Struct),
        _ => IoType.Parameter(ParameterType.String),
    };

    private static IoType ArtifactType(string? type) => (type ?? "").ToLowerInvariant() switch
    {
        "dataset" => IoType.Artifact("system.Dataset", "0.0.1"),
        "model" => IoType.Artifact("system.Model", "0.0.1"),
        "metrics" => IoType.Artifact("system.Metrics", "0.0.1"),
        "classificationmetrics" => IoType.Artifact("system.ClassificationMetrics", "0.0.1"),
        "html" => IoType.Artifact("system.HTML", "0.0.1"),
        "markdown" => IoType.Artifact("system.Markdown", "0.0.1"),
        _ => IoType.Artifact("system.Artifact", "0.0.1"),
    };

    private static JsonNode? Default(JsonNode? value, IoType type, string input, string sourceName)
    {
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            return value is JsonValue { } number && number.GetValueKind() == JsonValueKind.Number ? ProtoDouble.Node(number.GetValue<double>()) : value;
        }
        var text = v.GetValue<string>();
        return type.ParameterType switch
        {
            ParameterType.NumberInteger or ParameterType.NumberDouble when double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var d) => ProtoDouble.Node(d),
            ParameterType.Boolean when bool.TryParse(text, out var b) => JsonValue.Create(b),
            ParameterType.List or ParameterType.Struct => ParseJson(text, input, sourceName),
            _ => JsonValue.Create(text),
        };
    }

    private static JsonNode? ParseJson(string text, string input, string sourceName)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = Yaml.YamlLimits.MaxDepth });
        }
        catch (JsonException)
        {
            return Fail<JsonNode>(sourceName, $"the default of input '{input}' is not JSON, as a list or mapping default must be; write it as JSON, e.g. '[1, 2]' or '{{\"a\": 1}}'");
        }
    }

    /// <summary><c>sanitize_input_name</c>: lower-case, runs outside [_0-9a-z] to '_', trimmed.</summary>
    private static string Sanitize(string name) => NotIdentifier().Replace(name.ToLowerInvariant(), "_").Trim('_');

    private static IEnumerable<JsonNode?> Flatten(JsonNode? items) => items switch
    {
        JsonArray array => array.SelectMany(Flatten),
        JsonObject o when o.Count == 1 && o.First().Value is JsonArray or JsonObject => [o, .. Flatten(o.First().Value)],
        JsonObject o => [o, .. o.Select(p => p.Value).SelectMany(Flatten)],
        _ => [items],
    };

    private static List<string>? Items(JsonNode? items, Dictionary<string, InputDefinition> inputs, Dictionary<string, IoType> outputs, string sourceName)
    {
        if (items is not JsonArray array)
        {
            return null;
        }
        var result = new List<string>();
        foreach (var item in array)
        {
            if (item is JsonObject { Count: 1 } o && o.First().Key == "if")
            {
                var condition = Mapping(o["if"], "if", sourceName) ?? Fail<JsonObject>(sourceName, "'if' needs cond: {isPresent: INPUT}");
                var present = Text(Mapping(condition["cond"], "if.cond", sourceName)?["isPresent"], "if.cond.isPresent", sourceName)
                    ?? Fail(sourceName, "'if' needs cond: {isPresent: INPUT}");
                var structured = new JsonObject
                {
                    ["IfPresent"] = new JsonObject
                    {
                        ["InputName"] = Sanitize(present),
                        ["Then"] = new JsonArray((Items(condition["then"], inputs, outputs, sourceName) ?? []).Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
                    },
                };
                if (Items(condition["else"], inputs, outputs, sourceName) is { } otherwise)
                {
                    structured["IfPresent"]!["Else"] = new JsonArray(otherwise.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
                }
                result.Add(PythonJson.DumpsNode(structured));
                continue;
            }
            result.Add(Item(item, inputs, outputs, sourceName));
        }
        return result;
    }

    private static string Item(JsonNode? item, Dictionary<string, InputDefinition> inputs, Dictionary<string, IoType> outputs, string sourceName)
    {
        switch (item)
        {
            case JsonValue value:
                return value.ToString();
            case JsonObject { Count: 1 } o:
                var (kind, target) = o.First();
                if (kind == "concat")
                {
                    return string.Concat((target as JsonArray ?? []).Select(t => Item(t, inputs, outputs, sourceName)));
                }
                var name = Sanitize(Text(target, kind, sourceName) ?? "");
                return kind switch
                {
                    "inputValue" => $"{{{{$.inputs.parameters['{name}']}}}}",
                    "inputPath" => $"{{{{$.inputs.artifacts['{name}'].path}}}}",
                    "inputUri" => $"{{{{$.inputs.artifacts['{name}'].uri}}}}",
                    "outputPath" when outputs.TryGetValue(name, out var type) && !type.IsArtifact => $"{{{{$.outputs.parameters['{name}'].output_file}}}}",
                    "outputPath" => $"{{{{$.outputs.artifacts['{name}'].path}}}}",
                    "outputUri" => $"{{{{$.outputs.artifacts['{name}'].uri}}}}",
                    _ => Fail(sourceName, $"'{kind}' is not a command-line placeholder KFP knows (inputValue, inputPath, inputUri, outputPath, outputUri, concat, if)"),
                };
            default:
                return Fail(sourceName, $"the command line item {item?.ToJsonString()} is not a string or a placeholder");
        }
    }

    /// <summary>A string field; null when absent. A number, a list or a mapping where a string belongs is refused by name.</summary>
    private static string? Text(JsonNode? node, string field, string sourceName) =>
        node is null ? null
        : node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>()
        : Fail(sourceName, $"'{field}' is {Kind(node)}, but it must be a string; quote the value, or write one string");

    private static JsonObject? Mapping(JsonNode? node, string field, string sourceName) =>
        node is null or JsonObject ? (JsonObject?)node
        : Fail<JsonObject>(sourceName, $"'{field}' is {Kind(node)}, but it must be a mapping; write it as 'key: value' lines indented under '{field}:'");

    private static bool Flag(JsonNode? node, string field, string sourceName) =>
        node is null ? false
        : node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>()
        : Fail<bool>(sourceName, $"'{field}' is {Kind(node)}, but it must be true or false; write '{field}: true' or '{field}: false'");

    private static string Kind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Object => "a mapping",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {node.ToJsonString()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {node.ToJsonString()}",
        _ => "null",
    };

    private static string Fail(string sourceName, string why) => Fail<string>(sourceName, why);

    private static T Fail<T>(string sourceName, string why) =>
        throw new PipelineException(Diagnostic.Error(ErrorCodes.Pipelines.NotAComponent,
            $"'{sourceName}' is not a KFP component: {why}. See https://www.kubeflow.org/docs/components/pipelines/ for the component YAML format.",
            new SourceLocation(sourceName, 0)));
}
