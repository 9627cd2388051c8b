using Mlops.Restore;

namespace Mlops.Cli;

/// <summary>
/// A <c>--reference</c> value: <c>name=NAME&amp;version=RANGE&amp;registry=FOLDER&amp;alias=ALIAS</c>, each value escaped as in
/// a URI query (<see cref="Uri.EscapeDataString(string)"/>), so any folder name passes through a command line.
/// </summary>
public static class ReferenceArgument
{
    public static string Format(SubPipelineReference reference) =>
        string.Join('&', new[] { ("name", reference.Name), ("version", reference.Version), ("registry", reference.Registry), ("alias", reference.Alias) }
            .Where(p => !string.IsNullOrEmpty(p.Item2))
            .Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));

    public static bool TryParse(string text, out SubPipelineReference reference, out string error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2 || pair[0] is not ("name" or "version" or "registry" or "alias") || !values.TryAdd(pair[0], Uri.UnescapeDataString(pair[1])))
            {
                reference = null!;
                error = $"--reference '{text}': expected name=NAME&version=RANGE[&registry=FOLDER][&alias=ALIAS], each key once.";
                return false;
            }
        }
        if (!values.TryGetValue("name", out var name) || name.Length == 0)
        {
            reference = null!;
            error = $"--reference '{text}' has no name.";
            return false;
        }
        reference = new SubPipelineReference(name, values.GetValueOrDefault("version"), values.GetValueOrDefault("registry"), values.GetValueOrDefault("alias"));
        error = "";
        return true;
    }
}
