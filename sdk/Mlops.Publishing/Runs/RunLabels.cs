namespace Mlops.Publishing.Runs;

/// <summary>
/// The labels a submitted run carries so its lineage can be read back from the backend: the project's Version and
/// the source commit of the release. Vertex's rules: keys and values of at most 64 lower-case letters, digits, '_'
/// or '-'.
/// </summary>
public static class RunLabels
{
    public const string Version = "mlops-version";
    public const string SourceCommit = "mlops-source-commit";

    public static Dictionary<string, string> For(string version, string? sourceCommit)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { [Version] = Value(version) };
        if (!string.IsNullOrEmpty(sourceCommit))
        {
            labels[SourceCommit] = Value(sourceCommit);
        }
        return labels;
    }

    /// <summary>A label value of <paramref name="text"/>: lower case, other characters as '-', at most 64.</summary>
    public static string Value(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '-' ? c : '-').ToArray();
        var value = new string(chars);
        return value.Length <= 64 ? value : value[..64];
    }
}
