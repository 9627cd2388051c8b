using Mlops.Diagnostics;

namespace Mlops.Backends.Vertex;

/// <summary>
/// Labels as Vertex AI takes them: at most 64, keys and values of at most 64 characters that are lower-case letters
/// (international ones too), digits, <c>_</c> and <c>-</c>, a key starting with a letter and never the reserved
/// <c>vertex-ai-pipelines-run-billing-id</c>.
/// </summary>
internal static class VertexLabels
{
    public const string ReservedKey = "vertex-ai-pipelines-run-billing-id";
    public const int MaxCount = 64;
    public const int MaxLength = 64;

    /// <summary>The environment's labels overlaid with the run's, checked.</summary>
    public static SortedDictionary<string, string> Merge(IReadOnlyDictionary<string, string> environment, IReadOnlyDictionary<string, string> run)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in environment.Concat(run))
        {
            labels[key] = value;
        }
        foreach (var (key, value) in labels)
        {
            if (key == ReservedKey)
            {
                throw Invalid($"'{key}' is reserved by Vertex AI Pipelines: use another label key.");
            }
            if (key.Length is 0 or > MaxLength || !char.IsLower(key[0]) || !key.All(IsAllowed))
            {
                throw Invalid($"The label key '{key}' is not 1 to {MaxLength} lower-case letters, digits, '_' and '-' starting with a letter: rename it (e.g. '{Suggest(key)}').");
            }
            if (value.Length > MaxLength || !value.All(IsAllowed))
            {
                throw Invalid($"The value '{value}' of label '{key}' is not at most {MaxLength} lower-case letters, digits, '_' and '-': change it (e.g. '{Suggest(value)}').");
            }
        }
        if (labels.Count > MaxCount)
        {
            throw Invalid($"The run has {labels.Count} labels; Vertex AI takes at most {MaxCount}: drop some from the environment's runner labels or the run's.");
        }
        return labels;
    }

    private static bool IsAllowed(char c) => char.IsLower(c) || char.IsDigit(c) || c is '_' or '-' || (c > 127 && char.IsLetter(c) && !char.IsUpper(c));

    private static string Suggest(string text)
    {
        var lowered = new string([.. text.ToLowerInvariant().Select(c => IsAllowed(c) ? c : '-')]);
        return lowered.Length > MaxLength ? lowered[..MaxLength] : lowered;
    }

    private static MlopsException Invalid(string message) => new(ErrorCodes.Vertex.InvalidLabel, message);
}
