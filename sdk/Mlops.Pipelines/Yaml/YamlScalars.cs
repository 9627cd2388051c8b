using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mlops.Pipelines.Ir;

namespace Mlops.Pipelines.Yaml;

/// <summary>
/// How plain YAML scalars resolve. Reading follows YAML 1.1 as PyYAML's safe loader does (KFP's files are written
/// and read by PyYAML); writing quotes any string that a YAML 1.1 or 1.2 reader could take for something else.
/// </summary>
internal static partial class YamlScalars
{
    [GeneratedRegex("^(?:~|null|Null|NULL|)$")]
    private static partial Regex Null();

    [GeneratedRegex("^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$")]
    private static partial Regex True();

    [GeneratedRegex("^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$")]
    private static partial Regex False();

    [GeneratedRegex("^[-+]?(?:0|[1-9][0-9_]*)$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9_]+)(?:[eE][-+][0-9]+)?$")]
    private static partial Regex Float();

    // YAML 1.2 core numbers, YAML 1.1 octal/binary/hex/sexagesimal numbers, infinities, NaN, and 1.1's y/n, merge and value keys.
    [GeneratedRegex(@"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?0[0-7_]+|[-+]?0[xob][0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|y|Y|n|N|<<|=)$")]
    private static partial Regex OtherNonString();

    /// <summary>
    /// False for a string that every pattern here refuses by its first character (most strings), so that those are
    /// told apart without running the patterns.
    /// </summary>
    public static bool MayResolveToNonString(string plain) => plain.Length == 0 || "~nNtTfFyYoO-+.0123456789<=".Contains(plain[0]);

    public static bool IsNull(string plain) => Null().IsMatch(plain);

    public static bool? AsBoolean(string plain) => True().IsMatch(plain) ? true : False().IsMatch(plain) ? false : null;

    public static bool IsInteger(string plain) => Integer().IsMatch(plain);

    public static bool IsFloat(string plain) => Float().IsMatch(plain);

    /// <summary>The JSON value of an untagged plain scalar: null, a bool, a number or the text itself.</summary>
    public static JsonNode? Resolve(string plain)
    {
        if (!MayResolveToNonString(plain))
        {
            return JsonValue.Create(plain);
        }
        if (IsNull(plain))
        {
            return null;
        }
        if (AsBoolean(plain) is { } boolean)
        {
            return JsonValue.Create(boolean);
        }
        if (IsInteger(plain))
        {
            return JsonNode.Parse(plain.Replace("_", "").TrimStart('+'));
        }
        if (IsFloat(plain))
        {
            return ProtoDouble.Node(double.Parse(plain.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture));
        }
        return JsonValue.Create(plain);
    }

    /// <summary>True when this string, written plain, would not read back as the same string.</summary>
    public static bool NeedsQuotes(string value) => MayResolveToNonString(value) && (
        IsNull(value) || AsBoolean(value) is not null || IsInteger(value) || IsFloat(value) || OtherNonString().IsMatch(value));
}
