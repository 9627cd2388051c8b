using System.Text.Json.Nodes;
using Mlops.Pipelines.Ir;
using Mlops.Pipelines.Tests.Support;
using Mlops.Pipelines.Yaml;

namespace Mlops.Pipelines.Tests.Conformance;

/// <summary>Every IR file compiled by the Python KFP SDK loads, and writing it back gives the same document.</summary>
public sealed class CorpusRoundTripTests
{
    [Theory]
    [MemberData(nameof(Corpus.Pipelines), MemberType = typeof(Corpus))]
    [MemberData(nameof(Corpus.Components), MemberType = typeof(Corpus))]
    public void Loads_and_writes_back_the_same_document(string relativePath)
    {
        var path = Corpus.Resolve(relativePath);
        if (path is null)
        {
            return; // outside CI without ../shared: Corpus.Resolve already explained why nothing was checked
        }
        var text = File.ReadAllText(path);
        var original = YamlJsonReader.ReadDocuments(text)[0]!.AsObject();

        var file = IrFile.Parse(text, path);
        var written = file.ToYaml();
        var reread = YamlJsonReader.ReadDocuments(written)[0]!.AsObject();

        original.Remove("sdkVersion");
        reread.Remove("sdkVersion");
        Assert.Null(JsonTree.FirstDifference(original, reread));
        Assert.Equal(written, IrFile.Parse(written, path).ToYaml());
    }

    [Theory]
    [MemberData(nameof(Corpus.Pipelines), MemberType = typeof(Corpus))]
    public void Header_matches_the_one_the_kfp_compiler_wrote(string relativePath)
    {
        var path = Corpus.Resolve(relativePath);
        if (path is null)
        {
            return;
        }
        var text = File.ReadAllText(path);
        var expectedHeader = string.Concat(text.Split('\n').TakeWhile(l => l.StartsWith('#')).Select(l => l + "\n"));
        Assert.Equal(WithoutDictionaryOrder(expectedHeader), WithoutDictionaryOrder(IrHeader.Create(IrFile.Parse(text, path).Spec)));
    }

    // Python prints dictionary defaults in the pipeline author's insertion order, which the sorted YAML body no
    // longer holds; such lines are compared by their characters only.
    private static string WithoutDictionaryOrder(string header) =>
        string.Join('\n', header.Split('\n').Select(l => l.Contains("{'") ? string.Concat(l.Order()) : l));
}
