namespace Mlops.Pipelines.Graph;

/// <summary>
/// <see cref="KfpNames.MakeUnique"/> for many names: the same results (name, name-2, name-3, ...), but each base name
/// remembers how far it got, so adding n tasks of one component costs O(n), not O(n²).
/// </summary>
internal sealed class UniqueNames
{
    private readonly HashSet<string> taken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> nextIndex = new(StringComparer.Ordinal);

    public string Add(string name)
    {
        if (taken.Add(name))
        {
            return name;
        }
        var index = nextIndex.GetValueOrDefault(name, 2);
        while (taken.Contains($"{name}-{index}"))
        {
            index++;
        }
        var unique = $"{name}-{index}";
        nextIndex[name] = index + 1;
        taken.Add(unique);
        return unique;
    }
}
