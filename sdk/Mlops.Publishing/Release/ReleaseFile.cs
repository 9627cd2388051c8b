using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Mlops.Diagnostics;

namespace Mlops.Publishing.Release;

/// <summary>
/// <c>release.json</c>: per environment, the release last published there with the digests its registries reported,
/// <c>{"environments": {"dataops": {"version": "1.0.0", "pipelines": {…}, "images": {…}, "wheels": {…}}}}</c>. Publishing
/// to one environment replaces its entry and keeps the others, so one file tells what every environment holds.
/// </summary>
public static class ReleaseFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ReleaseFileJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static void Record(string path, string environment, PublishedRelease release)
    {
        var file = Load(path);
        file.Environments[environment] = release;
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(file, Options) + "\n");
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>Environment name → the release recorded for it; empty when there is no file.</summary>
    public static IReadOnlyDictionary<string, PublishedRelease> Read(string path) => Load(path).Environments;

    private static Contents Load(string path)
    {
        if (!File.Exists(path))
        {
            return new Contents();
        }
        try
        {
            return JsonSerializer.Deserialize<Contents>(File.ReadAllText(path), Options) ?? new Contents();
        }
        catch (JsonException e)
        {
            throw new MlopsException(Diagnostic.Error(ErrorCodes.Host.ReleaseFileInvalid,
                $"{path} is not a release file ({e.Message.Split(" Path:")[0]}). Delete it or fix it; publish writes it again from what the registries report.",
                new SourceLocation(path, (int)(e.LineNumber ?? -1) + 1, (int)(e.BytePositionInLine ?? -1) + 1)));
        }
    }

    internal sealed class Contents
    {
        public SortedDictionary<string, PublishedRelease> Environments { get; init; } = new(StringComparer.Ordinal);
    }
}

/// <summary>release.json's serialization metadata, generated at compile time.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ReleaseFile.Contents))]
internal sealed partial class ReleaseFileJsonContext : JsonSerializerContext;
