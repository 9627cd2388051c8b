using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mlops.Pipelines.Tests.Support;
using Mlops.Pipelines.Yaml;

namespace Mlops.Pipelines.Tests.Yaml;

/// <summary>
/// The fast block writer gives the bytes of YamlDotNet's emitter (the reference) for every document it writes, and
/// leaves to the reference the ones it does not know how to write.
/// </summary>
public sealed class YamlBlockWriterTests
{
    internal static readonly string[] Strings =
    [
        "", " ", "a", "-", "--text", "- a", "-a", "a-", "?", "?a", "? a", ":", ":a", "a:", "a:b", "a: b", "a :b", "#", "a#b", "a #b",
        "a# b", "'", "'a", "a'", "a'b", "\"", "\"a", "a\"b", "a\\b", "a'b\"c", " a", "a ", "a  b", "---", "---a", "...", "..a",
        "null", "Null", "~", "true", "yes", "No", "off", "y", "n", "1", "-1", "+1", "0o7", "07", "0x1F", "1.5", ".5", "1e5", "1e-5",
        "1_000", "1:20", ".inf", "-.inf", ".nan", "<<", "=", "[a]", "{a}", "a,b", "a[b]", "*a", "&a", "!a", "|a", ">a", "%a", "@a",
        "`a", "a b c", "{{$.inputs.parameters['text']}}", "{{$}}", "gs://bucket/path", "python:3.11-slim", "sha256:abc",
        "caf\u00e9", "\u00a0a", "a\u00a0", "\u2028", "a\tb", "\ta", "a\rb", "\u0001", "\ud83d\ude00", "\u0085",
        "\n", "\n\n", "a\n", "a\nb", "a\nb\n", "a\nb\n\n", "\na", " a\nb", "a\n b", "a\n \nb", "a\n  \n", "a\nb ", "a \nb",
        "a\n\nb", "a\r\nb", "a\n\tb", "caf\u00e9\nb", "x: 1\n- y\n", "#!/bin/sh\nset -e\n", "'\n'",
    ];

    public static TheoryData<string> Scalars()
    {
        var data = new TheoryData<string>();
        foreach (var s in Strings)
        {
            data.Add(s);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Scalars))]
    public void A_string_as_key_value_and_item_is_written_as_the_reference_writes_it(string text)
    {
        AssertSameAsReference(DocumentWith(text));
    }

    /// <summary>The string in every place a string can be: value, key, item, nested, in a mapping in a sequence.</summary>
    internal static JsonObject DocumentWith(string text) => new()
    {
        ["key"] = text,
        [text] = "value",
        ["list"] = new JsonArray(text, new JsonObject { ["k"] = text, ["z"] = new JsonArray(text) }, new JsonArray(text, text)),
        ["nested"] = new JsonObject { ["inner"] = new JsonObject { ["deep"] = text, ["items"] = new JsonArray(text) } },
        ["z-last"] = text,
    };

    [Fact]
    public void Collections_numbers_and_nulls_are_written_as_the_reference_writes_them()
    {
        var document = JsonNode.Parse("""
            {"b": {}, "a": [], "n": null, "t": true, "f": false, "i": -12, "d": 0.5, "e": 1e-07,
             "list": [[], {}, [[1, 2], []], [{"a": 1, "b": [3]}], null, {"x": {"y": []}}],
             "map": {"z": [{"q": {}}], "y": {"x": {"w": [{"v": "a\nb"}]}}}}
            """);
        AssertSameAsReference(document);
    }

    [Fact]
    public void Every_golden_and_corpus_file_is_written_as_the_reference_writes_it()
    {
        foreach (var file in IrFiles())
        {
            foreach (var document in YamlJsonReader.ReadDocuments(File.ReadAllText(file)))
            {
                AssertSameAsReference(document);
            }
        }
    }

    /// <summary>The golden files, and the KFP corpus where it is present.</summary>
    internal static IReadOnlyList<string> IrFiles() =>
        Directory.EnumerateFiles(GoldenFolder(), "*.yaml").Concat(Corpus.Files("pipelines")).Concat(Corpus.Files("components")).ToList();

    private static string GoldenFolder([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Golden", "expected");

    private static void AssertSameAsReference(JsonNode? document)
    {
        var element = JsonSerializer.SerializeToElement(document);
        var reference = new StringWriter { NewLine = "\n" };
        YamlEmitterWriter.WriteDocument(reference, element);
        var fast = new StringBuilder();
        if (YamlBlockWriter.TryWrite(element, fast))
        {
            Assert.Equal(reference.ToString(), fast.ToString());
        }
        Assert.Equal(reference.ToString(), YamlJsonWriter.ToYaml(document));
    }
}
