using Mlops.Sdk.Tests.Support;

namespace Mlops.Sdk.Tests.Catalog;

/// <summary>The SDK's README shows the catalog, all of it, as the catalog says it.</summary>
public sealed class SdkReadmeTests
{
    /// <summary>Set to 1 (eng/update-sdk-readme.sh does) to write the README instead of checking it.</summary>
    private const string WriteVariable = "MLOPS_WRITE_SDK_README";

    [Fact]
    public void The_README_tables_are_what_the_catalog_writes()
    {
        var readme = File.ReadAllText(RepositoryPaths.SdkReadme);
        var written = ReadmeTables.Render(PropertyCatalog.Source, readme);
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            File.WriteAllText(RepositoryPaths.SdkReadme, written);
            return;
        }

        var readmeLines = readme.Split('\n');
        var writtenLines = written.Split('\n');
        var firstDifference = Enumerable.Range(0, Math.Max(readmeLines.Length, writtenLines.Length))
            .FirstOrDefault(i => i >= readmeLines.Length || i >= writtenLines.Length || readmeLines[i] != writtenLines[i], -1);
        Assert.True(firstDifference < 0,
            $"sdk/Mlops.Sdk/README.md differs from what build/Mlops.Properties.xml writes (from line {firstDifference + 1}: "
            + $"'{writtenLines.ElementAtOrDefault(firstDifference)}'): run {ReadmeTables.RegenerateCommand}.");
    }

    [Fact]
    public void Every_property_of_the_catalog_is_in_exactly_one_README_table()
    {
        var blocks = ReadmeTables.Blocks(File.ReadAllText(RepositoryPaths.SdkReadme));
        var listed = blocks.SelectMany(b => ReadmeTables.PropertiesOf(PropertyCatalog.Source, b.Kind, b.Features)).Select(p => p.Name).ToList();

        var notOnce = PropertyCatalog.Source.Properties.Select(p => p.Name).Where(name => listed.Count(l => l == name) != 1).ToList();
        Assert.True(notOnce.Count == 0, $"Not in exactly one README table (fix the features of its <!-- catalog:settings --> markers): {string.Join(", ", notOnce)}");
        Assert.Single(blocks, b => b.Kind == "items");
    }
}
