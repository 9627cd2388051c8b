using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mlops.Sdk.IntegrationTests.Infrastructure;

/// <summary>
/// The value forms a template.json declares ("forms"), applied as the template engine applies them: the kinds the
/// templates use (replace, chain, lowerCaseInvariant, firstUpperCaseInvariant) and the built-in identity and
/// safe_namespace, the latter only for plain identifiers (which it leaves as they are). Any other kind throws, so the
/// expansion never quietly differs from the engine's; TemplateExpansionTests compares it with a real `dotnet new`.
/// </summary>
public sealed class TemplateValueForms(JsonElement declared)
{
    public string Apply(string form, string value)
    {
        if (form == "identity" || form == "safe_namespace")
        {
            return value;
        }
        if (declared.ValueKind != JsonValueKind.Object || !declared.TryGetProperty(form, out var definition))
        {
            throw new NotSupportedException($"The value form '{form}' is neither declared nor one this expansion knows; teach it to {nameof(TemplateValueForms)}.");
        }
        return definition.GetProperty("identifier").GetString() switch
        {
            "replace" => Regex.Replace(value, definition.GetProperty("pattern").GetString()!, definition.GetProperty("replacement").GetString()!),
            "chain" => definition.GetProperty("steps").EnumerateArray().Aggregate(value, (current, step) => Apply(step.GetString()!, current)),
            "lowerCaseInvariant" => value.ToLowerInvariant(),
            "firstUpperCaseInvariant" => value.Length == 0 ? value : char.ToUpper(value[0], CultureInfo.InvariantCulture) + value[1..],
            var other => throw new NotSupportedException($"The value form '{form}' is of kind '{other}', which this expansion does not know; teach it to {nameof(TemplateValueForms)}."),
        };
    }
}
