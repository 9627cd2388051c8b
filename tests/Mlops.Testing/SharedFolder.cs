namespace Mlops.Testing;

/// <summary>
/// ../shared beside the repository (the KFP IR corpus compiled by the Python KFP SDK, notes). CI always has it; a
/// user's clone does not, and the tests that read it then say so and pass nothing off as checked.
/// </summary>
public static class SharedFolder
{
    public static string? Root { get; } = Find();

    /// <summary>
    /// The path of <paramref name="relative"/> in ../shared, or null where ../shared is absent outside CI (the caller
    /// returns). Where ../shared is there, or in CI, a missing entry fails the test.
    /// </summary>
    public static string? Require(string relative, ITestOutputHelper output)
    {
        if (Root is null)
        {
            MissingPrerequisite.Report(output, $"../shared is absent beside {Repository.Root}: nothing in ../shared/{relative} was checked.");
            return null;
        }
        var path = Path.Combine(Root, relative);
        Assert.True(Directory.Exists(path) || File.Exists(path), $"{path} is missing, and ../shared is there.");
        return path;
    }

    private static string? Find()
    {
        var candidate = Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared"));
        return Directory.Exists(candidate) ? candidate : null;
    }
}
