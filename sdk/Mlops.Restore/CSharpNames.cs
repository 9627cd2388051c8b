using System.Text;
using System.Text.RegularExpressions;

namespace Mlops.Restore;

/// <summary>C# identifiers for generated wrappers: type names from package names, property names from KFP names.</summary>
public static partial class CSharpNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>A name C# accepts for a type or member without <c>@</c>: letters, digits and <c>_</c>, not starting with a digit, not a keyword.</summary>
    public static bool IsIdentifier(string? name) => name is not null && IdentifierPattern().IsMatch(name) && !Keywords.Contains(name);

    /// <summary>Dot-separated identifiers (an empty namespace is the global one).</summary>
    public static bool IsNamespace(string name) => name.Length == 0 || name.Split('.').All(IsIdentifier);

    /// <summary>
    /// <c>churn-prediction</c> → <c>ChurnPrediction</c>, <c>min_f1</c> → <c>MinF1</c>: the parts between characters that
    /// cannot be in an identifier, each with its first letter upper-cased; a leading digit gets <c>_</c> in front.
    /// </summary>
    public static string PascalCase(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var part in PartSeparator().Split(name).Where(p => p.Length > 0))
        {
            builder.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1));
        }
        if (builder.Length == 0)
        {
            return "";
        }
        if (char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }
        return builder.ToString();
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex PartSeparator();
}
