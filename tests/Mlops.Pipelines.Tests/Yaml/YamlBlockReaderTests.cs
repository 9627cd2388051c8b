using System.Text.Json.Nodes;
using Mlops.Pipelines.Ir;
using Mlops.Pipelines.Yaml;

namespace Mlops.Pipelines.Tests.Yaml;

/// <summary>
/// The fast block reader gives the tree of YamlDotNet's parser (the reference) for every text it reads, reads every
/// file this SDK writes, and leaves to the reference the texts it does not know how to read.
/// </summary>
public sealed class YamlBlockReaderTests
{
    public static TheoryData<string> Scalars() => YamlBlockWriterTests.Scalars();

    [Theory]
    [MemberData(nameof(Scalars))]
    public void A_written_string_reads_back_as_the_reference_reads_it(string text)
    {
        AssertSameAsReference(YamlJsonWriter.ToYaml(YamlBlockWriterTests.DocumentWith(text)));
    }

    [Fact]
    public void Every_golden_and_corpus_file_reads_as_the_reference_reads_it()
    {
        foreach (var file in YamlBlockWriterTests.IrFiles())
        {
            AssertSameAsReference(File.ReadAllText(file));
        }
    }

    [Fact]
    public void Every_golden_and_corpus_file_deserializes_to_the_spec_the_general_reader_gives()
    {
        foreach (var file in YamlBlockWriterTests.IrFiles())
        {
            var text = File.ReadAllText(file);
            if (IrFile.ParseBlockYaml(text) is { } fast)
            {
                Assert.Equal(IrFile.ToJson(IrFile.ParseDocuments(text, file).Spec).ToJsonString(), IrFile.ToJson(fast.Spec).ToJsonString());
            }
        }
    }

    [Fact]
    public void Every_golden_file_is_read_without_the_reference() =>
        Assert.All(YamlBlockWriterTests.IrFiles().Where(f => f.Contains("Golden", StringComparison.Ordinal)),
            file =>
            {
                Assert.True(YamlBlockReader.TryRead(File.ReadAllText(file), out _), file);
                Assert.NotNull(IrFile.ParseBlockYaml(File.ReadAllText(file)));
            });

    [Theory]
    [InlineData("a: 1\nb:\n  c: [x]\n")]
    [InlineData("a: &x 1\nb: *x\n")]
    [InlineData("a: !!str 1\n")]
    [InlineData("a: >\n  folded\n  text\n")]
    [InlineData("a: long\n  plain\n")]
    [InlineData("a: 'two\n  lines'\n")]
    [InlineData("a: 1\n---\nb: 2\n")]
    [InlineData("a:\n\tb: 1\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("- a\n- b\n")]
    [InlineData("a: {b: 1}\n")]
    [InlineData("a: b: c\n")]
    [InlineData("a: |\n  x\n y\n")]
    [InlineData("a:\n  - x\n   - y\n")]
    [InlineData("a: 'x' y\n")]
    [InlineData("? a\n: b\n")]
    public void Text_outside_the_subset_is_left_to_the_reference(string yaml)
    {
        Assert.False(YamlBlockReader.TryRead(yaml, out _));
    }

    [Theory]
    [InlineData("# header\n\na: 1 # no comment\n")]
    [InlineData("a: \"x\\ty\\u00e9\\\\\"\nb: 'it''s'\n")]
    [InlineData("a:\n  - x\n  - y: 1\n    z:\n    - 2\n")]
    [InlineData("a: |+\n  x\n\n\nb: |-\n\n  y\n  z\n")]
    [InlineData("a:\n- |2-\n   lead\n  next\n- |\n    deeper\n")]
    [InlineData("a: ~\nb:\nc: -1_000\nd: 1.5e+3\ne: yes\nf: 0x1F\n")]
    public void Text_inside_the_subset_reads_as_the_reference_reads_it(string yaml) => AssertSameAsReference(yaml);

    private static void AssertSameAsReference(string yaml)
    {
        IReadOnlyList<JsonNode?> reference;
        try
        {
            reference = YamlJsonReader.ReadWithYamlDotNet(yaml);
        }
        catch (YamlFormatException)
        {
            Assert.False(YamlBlockReader.TryRead(yaml, out _), "the fast reader read text the reference refuses");
            return;
        }
        if (YamlBlockReader.TryRead(yaml, out var fast))
        {
            Assert.Single(reference);
            Assert.True(JsonNode.DeepEquals(reference[0], fast), $"the fast reader read another tree:\n{yaml}");
        }
    }
}
