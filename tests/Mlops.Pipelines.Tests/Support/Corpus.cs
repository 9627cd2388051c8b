namespace Mlops.Pipelines.Tests.Support;

/// <summary>
/// The KFP IR corpus in ../shared/kfp-ir-corpus (real files compiled by the Python KFP SDK). CI always has it; a
/// clone elsewhere does not, and the tests that read it say so and pass nothing off as checked.
/// </summary>
public static class Corpus
{
    public static string? Root { get; } = Find();

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "kfp-ir-corpus");
            if (Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }
        return null;
    }

    public static IEnumerable<string> Files(string folder) =>
        Root is null ? [] : Directory.EnumerateFiles(Path.Combine(Root, folder), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public static TheoryData<string> Pipelines() => Data("pipelines");

    public static TheoryData<string> Components() => Data("components");

    private static TheoryData<string> Data(string folder)
    {
        var data = new TheoryData<string>();
        foreach (var file in Files(folder))
        {
            data.Add(Path.GetRelativePath(Root!, file));
        }
        if (data.Count == 0)
        {
            data.Add(MissingMarker);
        }
        return data;
    }

    public const string MissingMarker = "(corpus not found)";

    /// <summary>Resolves a corpus-relative path; in CI a missing corpus is a failure, elsewhere the caller skips.</summary>
    public static string? Resolve(string relative)
    {
        if (relative == MissingMarker)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail("../shared/kfp-ir-corpus is missing, and CI always has it.");
            }
            return null;
        }
        return Path.Combine(Root!, relative);
    }
}
