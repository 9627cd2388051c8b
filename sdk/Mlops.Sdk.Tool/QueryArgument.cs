namespace Mlops.Sdk.Tool;

/// <summary>
/// An option value made of <c>key=value</c> pairs joined by <c>&amp;</c>, each value escaped as in a URI query
/// (<see cref="Uri.EscapeDataString(string)"/>), so that any name or folder passes through a command line intact.
/// </summary>
public static class QueryArgument
{
    public static string Format(params (string Key, string? Value)[] pairs) =>
        string.Join('&', pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));

    /// <summary>Parses <paramref name="text"/>; every key must be one of <paramref name="keys"/> and appear once.</summary>
    public static bool TryParse(string text, IReadOnlyCollection<string> keys, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2 || !keys.Contains(pair[0]) || !values.TryAdd(pair[0], Uri.UnescapeDataString(pair[1])))
            {
                return false;
            }
        }
        return true;
    }
}
