using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mlops.Pipelines.Ir;

namespace Mlops.Runner.Execution;

/// <summary>How parameter values (JSON) become command-line text and how output files become values, as KFP's launcher does.</summary>
public static class ParameterValues
{
    /// <summary>The text a placeholder becomes: strings as they are, whole numbers without ".0", lists and maps as JSON.</summary>
    public static string ToText(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => v.GetValue<double>() is var d && d == Math.Floor(d) && Math.Abs(d) < 1e15
                ? ((long)d).ToString(CultureInfo.InvariantCulture)
                : v.GetValue<double>().ToString("R", CultureInfo.InvariantCulture),
            _ => v.ToJsonString(),
        },
        _ => value.ToJsonString(),
    };

    /// <summary>Reads what a program wrote to an output parameter file, by the parameter's declared type.</summary>
    /// <exception cref="FormatException">The text is not a value of that type.</exception>
    public static JsonNode? Parse(string text, ParameterType type)
    {
        switch (type)
        {
            case ParameterType.String:
                return JsonValue.Create(text);
            case ParameterType.NumberInteger:
                return ProtoDouble.Node(long.Parse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture));
            case ParameterType.NumberDouble:
                return ProtoDouble.Node(double.Parse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture));
            case ParameterType.Boolean:
                return JsonValue.Create(bool.Parse(text.Trim()));
            case ParameterType.List:
                return JsonNode.Parse(text) as JsonArray ?? throw new FormatException("not a JSON list");
            case ParameterType.Struct:
                return JsonNode.Parse(text) as JsonObject ?? throw new FormatException("not a JSON object");
            default:
                return JsonValue.Create(text);
        }
    }

    /// <summary>Parses a <c>--param name=value</c> given on the command line by the input's type.</summary>
    public static JsonNode? FromCommandLine(string text, ParameterType type) => type switch
    {
        ParameterType.String => JsonValue.Create(text),
        _ => Parse(text, type),
    };
}
