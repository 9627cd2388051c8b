namespace Mlops.Pipelines;

/// <summary>
/// What an environment variable of a step may be named: a POSIX portable name (letters, digits and <c>_</c>, not
/// starting with a digit), which every shell, container engine and Kubernetes accept alike.
/// </summary>
internal static class EnvironmentVariableNames
{
    /// <summary>Why <paramref name="name"/> cannot name an environment variable; null when it can.</summary>
    public static string? Problem(string? name) =>
        string.IsNullOrEmpty(name)
            ? "an environment variable has an empty name. Give it a name of letters, digits and _ (e.g. EPOCHS), or remove it."
            : !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(name[0])
                ? $"'{Printable(name)}' is not an environment variable name: use letters, digits and _ only, not starting with a digit (e.g. {Suggestion(name)})."
                : null;

    private static string Printable(string name) => string.Concat(name.Select(c => char.IsControl(c) ? '?' : c));

    private static string Suggestion(string name)
    {
        var cleaned = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_')).Trim('_');
        return cleaned.Length == 0 ? "EPOCHS" : char.IsAsciiDigit(cleaned[0]) ? "_" + cleaned : cleaned;
    }
}
