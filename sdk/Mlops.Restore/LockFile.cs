using Mlops.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mlops.Registries;

namespace Mlops.Restore;

/// <summary>
/// <c>mlops.lock.json</c>, next to the project (commit it): for each sub-pipeline the requested range and registry, and
/// the version and IR digest restore pinned, with the images that IR runs.
/// <code>
/// {
///   "version": 1,
///   "subPipelines": {
///     "churn-prediction": {
///       "requested": "1.4.*",
///       "registry": "local",
///       "resolved": "1.4.2",
///       "digest": "sha256:…",
///       "images": [ "localhost/churn/predict@sha256:…" ]
///     }
///   }
/// }
/// </code>
/// Written deterministically (entries ordered by name, LF line ends), and only when its content changes.
/// </summary>
public sealed class LockFile(IReadOnlyDictionary<string, LockedSubPipeline> subPipelines)
{
    public const int FormatVersion = 1;
    public const string DefaultFileName = "mlops.lock.json";

    public IReadOnlyDictionary<string, LockedSubPipeline> SubPipelines { get; } = subPipelines;

    /// <summary>The lock file at <paramref name="path"/>, or null when there is none.</summary>
    /// <exception cref="RestoreException">MLOPS4022: the file is not a lock file this SDK can read.</exception>
    public static LockFile? Read(string path)
    {
        if (Directory.Exists(path))
        {
            throw Unusable(path, "it is a folder, not a file");
        }
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw Unusable(path, "this user may not read it");
        }
        return Parse(text, path);
    }

    public static LockFile Parse(string text, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number)
            {
                throw Invalid(path, "it has no \"version\"");
            }
            if (!version.TryGetInt32(out var format))
            {
                throw Invalid(path, $"its \"version\" {version.GetRawText()} is not a whole number");
            }
            if (format != FormatVersion)
            {
                throw Invalid(path, $"it has format version {format}, and this Mlops.Sdk reads version {FormatVersion} (a newer SDK wrote it? use that SDK)");
            }
            var entries = new SortedDictionary<string, LockedSubPipeline>(StringComparer.Ordinal);
            if (root.TryGetProperty("subPipelines", out var subPipelines))
            {
                if (subPipelines.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid(path, "\"subPipelines\" is not an object");
                }
                foreach (var entry in subPipelines.EnumerateObject())
                {
                    var digest = Text(entry, "digest", path);
                    if (!ContentDigest.TryParse(digest, out _))
                    {
                        throw Invalid(path, $"the digest of '{entry.Name}' is not 'sha256:' followed by 64 hexadecimal digits");
                    }
                    var images = entry.Value.TryGetProperty("images", out var list) && list.ValueKind == JsonValueKind.Array
                        ? list.EnumerateArray().Select(i => i.GetString() ?? "").ToList()
                        : [];
                    entries[entry.Name] = new LockedSubPipeline(Text(entry, "requested", path), Text(entry, "registry", path), Text(entry, "resolved", path), digest, images);
                }
            }
            return new LockFile(entries);
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"it is not valid JSON ({e.Message})");
        }
        catch (InvalidOperationException e)
        {
            throw Invalid(path, e.Message);
        }
    }

    private static string Text(JsonProperty entry, string name, string path) =>
        entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Invalid(path, $"sub-pipeline '{entry.Name}' has no \"{name}\" string");

    private static RestoreException Invalid(string path, string why) =>
        RestoreException.Error(ErrorCodes.Restore.LockFileInvalid,
            $"The lock file '{path}' cannot be read: {why}. Fix it, or delete it and run dotnet restore to write it again.", path);

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", FormatVersion);
            writer.WriteStartObject("subPipelines");
            foreach (var (name, entry) in SubPipelines.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                writer.WriteStartObject(name);
                writer.WriteString("requested", entry.Requested);
                writer.WriteString("registry", entry.Registry);
                writer.WriteString("resolved", entry.Resolved);
                writer.WriteString("digest", entry.Digest);
                writer.WriteStartArray("images");
                foreach (var image in entry.Images)
                {
                    writer.WriteStringValue(image);
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Writes the file unless it already holds exactly this content. Returns whether it wrote.</summary>
    /// <exception cref="RestoreException">MLOPS4024: the file is read-only (it is never replaced then) or cannot be written.</exception>
    public bool Save(string path)
    {
        var content = Encoding.UTF8.GetBytes(ToJson());
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(content))
        {
            return false;
        }
        if (File.Exists(path) && File.GetAttributes(path).HasFlag(FileAttributes.ReadOnly))
        {
            throw Unusable(path, "it is read-only and restore has to change it");
        }
        try
        {
            return GeneratedFiles.WriteIfChanged(path, content);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw Unusable(path, "this user may not write it or its folder");
        }
    }

    /// <summary>Removes the file (no reference is left).</summary>
    /// <exception cref="RestoreException">MLOPS4024: the file is read-only or cannot be removed.</exception>
    public static void Delete(string path)
    {
        if (File.Exists(path) && File.GetAttributes(path).HasFlag(FileAttributes.ReadOnly))
        {
            throw Unusable(path, "it is read-only and restore has to remove it (no SubPipelineReference is left)");
        }
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw Unusable(path, "this user may not remove it");
        }
    }

    private static RestoreException Unusable(string path, string why) =>
        RestoreException.Error(ErrorCodes.Restore.LockFileUnwritable,
            $"The lock file '{path}' cannot be used: {why}. Make it a writable file (chmod u+w, or clear its read-only attribute), or delete it and run dotnet restore; to restore without changing it, use locked mode (dotnet restore --locked-mode).",
            path);
}
