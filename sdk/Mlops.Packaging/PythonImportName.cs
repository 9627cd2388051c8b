using Mlops.Diagnostics;
using System.Text.RegularExpressions;

namespace Mlops.Packaging;

/// <summary>The name a wheel's package is imported by (<c>import churn_model</c>).</summary>
public static partial class PythonImportName
{
    private static readonly HashSet<string> Keywords =
    [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ];

    /// <summary>The default: the distribution name with separators as <c>_</c>, lower case (<c>churn-model</c> → <c>churn_model</c>).</summary>
    public static string FromDistributionName(string distributionName) => PythonDistributionName.ForFileName(distributionName);

    public static void Validate(string importName)
    {
        if (!IdentifierPattern().IsMatch(importName) || Keywords.Contains(importName))
        {
            throw new PackagingException(ErrorCodes.Packaging.InvalidImportName,
                $"'{importName}' cannot be imported in Python: give an import name of letters, digits and '_' that does not start with a digit " +
                "and is not a Python keyword (e.g. 'churn_model').");
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();
}
