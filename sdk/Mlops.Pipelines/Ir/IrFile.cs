using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Yaml;

namespace Mlops.Pipelines.Ir;

/// <summary>A compiled IR file: the header comments, the <see cref="PipelineSpec"/> and, optionally, a PlatformSpec document.</summary>
public sealed class IrFile
{
    public IrFile(PipelineSpec spec, JsonObject? platformSpec = null)
    {
        Spec = spec;
        PlatformSpec = platformSpec;
    }

    public PipelineSpec Spec { get; }

    /// <summary>The second YAML document (kfp-kubernetes settings), kept as data.</summary>
    public JsonObject? PlatformSpec { get; }

    /// <summary>
    /// The platforms (<c>kubernetes</c>, …) the PlatformSpec configures anything for, ordered; empty when there is no
    /// PlatformSpec or it holds only empty mappings and lists.
    /// </summary>
    public IReadOnlyList<string> ConfiguredPlatforms =>
        (PlatformSpec?["platforms"] as JsonObject ?? PlatformSpec ?? [])
            .Where(p => HoldsSettings(p.Value))
            .Select(p => p.Key)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static bool HoldsSettings(JsonNode? node) => node switch
    {
        null => false,
        JsonObject o => o.Any(p => HoldsSettings(p.Value)),
        JsonArray a => a.Any(HoldsSettings),
        _ => true,
    };

    public static IrFile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new PipelineException(Diagnostic.Error(ErrorCodes.Pipelines.FileNotFound,
                $"The IR file '{path}' does not exist. Check the path (relative paths are resolved from the current directory).",
                new SourceLocation(path, 0)));
        }
        EnsureSize(new FileInfo(path).Length, path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <exception cref="PipelineException">The text is not a usable IR file (MLOPS1051-1053, MLOPS1070-1075).</exception>
    public static IrFile Parse(string text, string sourceName)
    {
        EnsureSize(text.Length, sourceName);
        var file = ParseBlockYaml(text) ?? ParseDocuments(text, sourceName);
        IrGraphCheck.Check(file.Spec, text, sourceName);
        return file;
    }

    /// <summary>UTF-8 bytes (a download, an embedded resource): their size is checked before they are decoded.</summary>
    public static IrFile Parse(byte[] utf8, string sourceName)
    {
        EnsureSize(utf8.Length, sourceName);
        return Parse(Encoding.UTF8.GetString(utf8), sourceName);
    }

    internal static void EnsureSize(long length, string sourceName)
    {
        try
        {
            YamlJsonReader.EnsureSize(length);
        }
        catch (YamlLimitException e)
        {
            throw LimitReached(e, sourceName);
        }
    }

    /// <summary>The diagnostic of a file past a <see cref="YamlLimits">limit</see>, at the line the reader stopped at.</summary>
    public static PipelineException LimitReached(YamlLimitException e, string sourceName) =>
        new(Diagnostic.Error(e.Code, $"'{sourceName}' {e.Message}.", new SourceLocation(sourceName, e.Line, e.Column)));

    /// <summary>Any YAML: its documents as JSON trees, then the spec; says what is wrong with a file that is not IR.</summary>
    internal static IrFile ParseDocuments(string text, string sourceName)
    {
        IReadOnlyList<JsonNode?> documents;
        try
        {
            documents = YamlJsonReader.ReadDocuments(text);
        }
        catch (YamlLimitException e)
        {
            throw LimitReached(e, sourceName);
        }
        catch (YamlFormatException e)
        {
            throw new PipelineException(Diagnostic.Error(ErrorCodes.Pipelines.InvalidYaml,
                $"'{sourceName}' is not valid YAML: {e.Message}. Fix the YAML syntax or recompile the file.",
                new SourceLocation(sourceName, e.Line, e.Column)));
        }
        if (documents.Count == 0 || documents[0] is not JsonObject first)
        {
            throw NotIr(sourceName, "it has no YAML mapping document");
        }
        if (documents.Count > 2)
        {
            throw NotIr(sourceName, $"it has {documents.Count} YAML documents; an IR file has a PipelineSpec and at most one PlatformSpec");
        }
        PipelineSpec spec;
        try
        {
            spec = first.Deserialize<PipelineSpec>(IrJson.Options)
                ?? throw NotIr(sourceName, "the first document is empty");
        }
        catch (JsonException e)
        {
            throw NotIr(sourceName, IrJsonProblem.Describe(e, first));
        }
        if (string.IsNullOrEmpty(spec.PipelineInfo.Name) || first["root"] is null)
        {
            throw NotIr(sourceName, "a PipelineSpec needs pipelineInfo.name and root");
        }
        if (spec.SchemaVersion != "2.1.0")
        {
            throw new PipelineException(Diagnostic.Error(ErrorCodes.Pipelines.UnsupportedSchemaVersion,
                $"'{sourceName}' has schemaVersion '{spec.SchemaVersion}'; only 2.1.0 is supported (KFP refuses older specs). Recompile it with KFP SDK 2.x.",
                new SourceLocation(sourceName, 0)));
        }
        var platform = documents.Count == 2 ? documents[1] as JsonObject : null;
        return new IrFile(spec, platform);
    }

    /// <summary>
    /// A well-formed one-document IR in the block YAML IR files are written in, deserialized from the YAML text with no
    /// JsonNode tree in between; null for any other text, which <see cref="Parse(string, string)"/> reads the general way (and diagnoses).
    /// </summary>
    internal static IrFile? ParseBlockYaml(string text)
    {
        using var json = new Utf8JsonSink();
        if (!YamlBlockReader.TryRead(text, json) || !json.TopLevelKeys.Contains("root"))
        {
            return null;
        }
        PipelineSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize<PipelineSpec>(json.Json.Span, IrJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
        return spec is { Root: not null, PipelineInfo.Name.Length: > 0, SchemaVersion: "2.1.0" } ? new IrFile(spec) : null;
    }

    private static PipelineException NotIr(string sourceName, string why) =>
        new(Diagnostic.Error(ErrorCodes.Pipelines.NotAnIrDocument,
            $"'{sourceName}' is not a KFP pipeline spec: {why}. Use a file compiled by KFP SDK 2.x or by Mlops.Sdk.",
            new SourceLocation(sourceName, 0)));

    /// <summary>The file's text: header comments, then the spec, then the PlatformSpec after <c>---</c> when there is one.</summary>
    public string ToYaml() => Write().ToString();

    private StringBuilder Write()
    {
        var builder = new StringBuilder();
        builder.Append(IrHeader.Create(Spec));
        // A JsonDocument, not a JsonNode tree: a large spec is written with a fraction of the allocations.
        using (var document = JsonSerializer.SerializeToDocument(Spec, IrJson.Options))
        {
            YamlJsonWriter.Append(builder, document.RootElement);
        }
        if (PlatformSpec is not null)
        {
            builder.Append("---\n");
            builder.Append(YamlJsonWriter.ToYaml(PlatformSpec));
        }
        return builder;
    }

    public static JsonObject ToJson(PipelineSpec spec) => JsonSerializer.SerializeToNode(spec, IrJson.Options)!.AsObject();

    /// <summary>Writes the file only when its content changed, so an unchanged pipeline keeps its timestamp.</summary>
    public void Save(string path)
    {
        // Streamed from the text's chunks and compared on disk: a large IR never exists as one string, nor twice.
        var text = Write();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        using (var writer = new StreamWriter(temp, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            foreach (var chunk in text.GetChunks())
            {
                writer.Write(chunk.Span);
            }
        }
        if (File.Exists(path) && SameBytes(path, temp))
        {
            File.Delete(temp);
            return;
        }
        File.Move(temp, path, overwrite: true);
    }

    private static bool SameBytes(string path, string other)
    {
        using var a = File.OpenRead(path);
        using var b = File.OpenRead(other);
        if (a.Length != b.Length)
        {
            return false;
        }
        var left = new byte[81920];
        var right = new byte[left.Length];
        int read;
        while ((read = a.Read(left)) > 0)
        {
            b.ReadExactly(right.AsSpan(0, read));
            if (!left.AsSpan(0, read).SequenceEqual(right.AsSpan(0, read)))
            {
                return false;
            }
        }
        return true;
    }
}
