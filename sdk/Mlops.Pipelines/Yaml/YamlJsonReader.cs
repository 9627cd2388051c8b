using System.Text.Json.Nodes;

namespace Mlops.Pipelines.Yaml;

/// <summary>Reads YAML documents into JSON trees (the IR is proto3 JSON written as YAML), within <see cref="YamlLimits"/>.</summary>
public static class YamlJsonReader
{
    /// <exception cref="YamlFormatException">The text is not well-formed YAML, or is past a limit (<see cref="YamlLimitException"/>).</exception>
    public static IReadOnlyList<JsonNode?> ReadDocuments(string text)
    {
        EnsureSize(text.Length);
        if (YamlBlockReader.TryRead(text, out var document))
        {
            return [document];
        }
        return ReadWithYamlDotNet(text);
    }

    /// <summary>Refuses a document larger than <see cref="YamlLimits.MaxDocumentBytes"/> (its length in bytes or characters).</summary>
    /// <exception cref="YamlLimitException">It is larger.</exception>
    public static void EnsureSize(long length)
    {
        if (length > YamlLimits.MaxDocumentBytes)
        {
            throw new YamlLimitException(ErrorCodes.Pipelines.YamlTooLarge,
                $"is {YamlLimits.Size(length)}, more than the {YamlLimits.Size(YamlLimits.MaxDocumentBytes)} an IR or component file may be (the most Kubeflow Pipelines accepts for an upload); split the pipeline into sub-pipelines, or move large constants out of the file (into a file or artifact a step reads)",
                0, 0);
        }
    }

    /// <summary>The reference reader: any YAML, and the line and column of what is wrong.</summary>
    internal static IReadOnlyList<JsonNode?> ReadWithYamlDotNet(string text) => YamlEventReader.Read(text);
}
