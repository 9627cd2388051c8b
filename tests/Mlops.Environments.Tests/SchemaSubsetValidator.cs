using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mlops.Environments.Tests;

/// <summary>
/// Validates a JSON document against the keywords the environments schema uses (type, properties, required,
/// additionalProperties, propertyNames, pattern, enum, $ref into #/definitions), the way an editor would; any
/// other keyword in the schema is a failure, so the schema cannot grow a rule this check silently ignores.
/// </summary>
internal sealed class SchemaSubsetValidator(JsonElement root)
{
    private static readonly HashSet<string> Understood =
        ["$schema", "$id", "title", "description", "type", "properties", "required", "additionalProperties", "propertyNames", "pattern", "enum", "$ref", "definitions"];

    public List<string> Validate(JsonElement document)
    {
        var problems = new List<string>();
        Check(root, document, "$", problems);
        return problems;
    }

    private void Check(JsonElement schema, JsonElement value, string path, List<string> problems)
    {
        foreach (var keyword in schema.EnumerateObject().Where(k => !Understood.Contains(k.Name)))
        {
            problems.Add($"{path}: the schema uses '{keyword.Name}', which this check does not understand");
        }
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!;
            Assert.StartsWith("#/definitions/", name);
            Check(root.GetProperty("definitions").GetProperty(name["#/definitions/".Length..]), value, path, problems);
            return;
        }
        if (schema.TryGetProperty("type", out var type) && !IsOfType(value, type.GetString()!))
        {
            problems.Add($"{path}: {value.ValueKind} is not {type.GetString()}");
            return;
        }
        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => a.ToString() == value.ToString()))
        {
            problems.Add($"{path}: '{value}' is not one of {allowed}");
        }
        if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(value.GetString()!, pattern.GetString()!))
        {
            problems.Add($"{path}: '{value.GetString()}' does not match {pattern.GetString()}");
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        foreach (var required in schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()!) : [])
        {
            if (!value.TryGetProperty(required, out _))
            {
                problems.Add($"{path}: '{required}' is required");
            }
        }
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        foreach (var member in value.EnumerateObject())
        {
            var memberPath = $"{path}.{member.Name}";
            if (schema.TryGetProperty("propertyNames", out var names))
            {
                Check(names, JsonDocument.Parse(JsonSerializer.Serialize(member.Name)).RootElement, memberPath + " (name)", problems);
            }
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(member.Name, out var memberSchema))
            {
                Check(memberSchema, member.Value, memberPath, problems);
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional))
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    problems.Add($"{memberPath}: not allowed");
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    Check(additional, member.Value, memberPath, problems);
                }
            }
        }
    }

    private static bool IsOfType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        _ => throw new InvalidOperationException($"type '{type}' is not used by the environments schema"),
    };
}
