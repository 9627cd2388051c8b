using System.Text.Json.Nodes;

namespace Mlops.Runner.Execution;

/// <summary>
/// Run parameters that hold secrets, told by their names (KFP has no secret parameter type): a name with a word
/// <c>password</c>, <c>passwd</c>, <c>secret</c>, <c>token</c>, <c>credential(s)</c> or <c>apikey</c>, or the words
/// <c>api key</c>, <c>access key</c>, <c>private key</c>, <c>client secret</c> (words split at <c>_ - .</c> and
/// camelCase). Their values are recorded as <see cref="Mask"/> and masked in the steps' logs, as CI systems mask secrets.
/// </summary>
public static class SecretParameters
{
    public const string Mask = "***";

    /// <summary>Values shorter than this are not masked in logs: masking "1" or "yes" would hide everything else.</summary>
    public const int MinimumMaskedLength = 4;

    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal) { "password", "passwd", "secret", "token", "credential", "credentials", "apikey" };

    private static readonly HashSet<string> KeyQualifiers = new(StringComparer.Ordinal) { "api", "access", "private", "secret" };

    public static bool IsSecret(string name)
    {
        var words = Words(name);
        return words.Any(SecretWords.Contains)
            || words.Zip(words.Skip(1)).Any(pair => KeyQualifiers.Contains(pair.First) && pair.Second == "key");
    }

    /// <summary>The parameters as a run records them: the secret ones' values replaced by <see cref="Mask"/>.</summary>
    public static JsonObject Recorded(IReadOnlyDictionary<string, JsonNode?> parameters) =>
        new(parameters.Select(p => KeyValuePair.Create(p.Key, IsSecret(p.Key) && p.Value is not null ? JsonValue.Create(Mask) : p.Value?.DeepClone())));

    /// <summary>The texts of the secret parameters' values that are long enough to mask, longest first.</summary>
    public static IReadOnlyList<string> MaskedValues(IReadOnlyDictionary<string, JsonNode?> parameters) =>
        parameters.Where(p => IsSecret(p.Key) && p.Value is not null)
            .Select(p => ParameterValues.ToText(p.Value))
            .Where(text => text.Length >= MinimumMaskedLength)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(text => text.Length)
            .ToList();

    /// <summary><paramref name="text"/> with every occurrence of <paramref name="masked"/> replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string text, IReadOnlyList<string> masked)
    {
        foreach (var secret in masked)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }
        return text;
    }

    private static List<string> Words(string name)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var boundary = c is '_' or '-' or '.' or ' ' || (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]));
            if (boundary && word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
        }
        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }
        return words;
    }
}
