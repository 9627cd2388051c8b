using System.Text;
using System.Text.RegularExpressions;

namespace Mlops.Pipelines.Graph;

/// <summary>KFP's naming rules (kfp/dsl/utils.py): Kubernetes-safe names and unique suffixes.</summary>
internal static partial class KfpNames
{
    [GeneratedRegex("[^-0-9a-z]+")]
    private static partial Regex NotK8s();

    [GeneratedRegex("-+")]
    private static partial Regex Dashes();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,112}$")]
    private static partial Regex PipelineName();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    /// <summary><c>maybe_rename_for_k8s</c>: lower-case, runs of other characters to '-', trimmed.</summary>
    public static string ToK8s(string name) =>
        Dashes().Replace(NotK8s().Replace(name.ToLowerInvariant(), "-"), "-").Trim('-');

    /// <summary>A C# type or member name in KFP's style: <c>PrepareData</c> → <c>prepare-data</c>.</summary>
    public static string KebabCase(string name) => ToK8s(SplitWords(name, '-'));

    /// <summary>A C# property name as a Python identifier: <c>MinF1</c> → <c>min_f1</c>.</summary>
    public static string SnakeCase(string name) => SplitWords(name, '_').ToLowerInvariant();

    private static string SplitWords(string name, char separator)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
            {
                builder.Append(separator);
            }
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    /// <summary><c>make_name_unique_by_adding_index</c>: the name, else name-2, name-3, ...</summary>
    public static string MakeUnique(string name, Func<string, bool> isTaken)
    {
        if (!isTaken(name))
        {
            return name;
        }
        for (var i = 2; ; i++)
        {
            var candidate = $"{name}-{i}";
            if (!isTaken(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>Vertex AI derives job ids from the name, so it must start with a letter and leave room for a timestamp.</summary>
    public static bool IsValidPipelineName(string name) => PipelineName().IsMatch(name);

    public static bool IsValidTaskName(string name) => name.Length <= 63 && Dns1123Label().IsMatch(name);
}
