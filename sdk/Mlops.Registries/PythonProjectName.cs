using System.Text.RegularExpressions;

namespace Mlops.Registries;

/// <summary>Python project names as package indexes compare them.</summary>
public static partial class PythonProjectName
{
    /// <summary>PEP 503: runs of <c>-</c>, <c>_</c> and <c>.</c> become one <c>-</c>, then lower case (<c>Churn_Model</c> → <c>churn-model</c>).</summary>
    public static string Normalize(string name) => Separators().Replace(name, "-").ToLowerInvariant();

    [GeneratedRegex("[-_.]+")]
    private static partial Regex Separators();
}
