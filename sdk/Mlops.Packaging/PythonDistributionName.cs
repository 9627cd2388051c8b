using Mlops.Diagnostics;
using System.Text.RegularExpressions;

namespace Mlops.Packaging;

/// <summary>The spellings of a Python distribution's name that a wheel needs.</summary>
public static partial class PythonDistributionName
{
    /// <summary>Fails unless <paramref name="name"/> is a valid distribution name (PEP 508: letters, digits, <c>.</c> <c>_</c> <c>-</c>, starting and ending with a letter or digit).</summary>
    public static void Validate(string name)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw new PackagingException(ErrorCodes.Packaging.InvalidDistributionName,
                $"'{name}' is not a Python distribution name: use letters, digits, '.', '_' and '-', starting and ending with a letter or digit (e.g. 'churn-model').");
        }
    }

    /// <summary>The name as wheel file names and <c>.dist-info</c> folders spell it (PEP 427): <c>Churn-Model</c> → <c>churn_model</c>.</summary>
    public static string ForFileName(string name) => Separators().Replace(name, "_").ToLowerInvariant();

    [GeneratedRegex("^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("[-_.]+")]
    private static partial Regex Separators();
}
