using Mlops.Diagnostics;
using System.IO.Compression;
using System.Text;

namespace Mlops.Registries.Python;

/// <summary>
/// The core metadata of a wheel (its <c>.dist-info/METADATA</c>), as the form fields of the legacy upload API:
/// <c>Requires-Dist</c> becomes <c>requires_dist</c>, repeated fields stay repeated, the body becomes <c>description</c>.
/// </summary>
public sealed class WheelMetadata
{
    private static readonly Dictionary<string, string> PluralFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Classifier"] = "classifiers",
        ["Project-URL"] = "project_urls",
        ["Provides-Extra"] = "provides_extras",
        ["Supported-Platform"] = "supported_platform",
    };

    private WheelMetadata(WheelFileName fileName, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        FileName = fileName;
        Fields = fields;
    }

    public WheelFileName FileName { get; }

    /// <summary>The upload form's metadata fields in the order METADATA gives them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; }

    public string Name => Single("name");

    public string Version => Single("version");

    public static WheelMetadata Read(string wheelPath)
    {
        var fileName = Path.GetFileName(wheelPath);
        if (!WheelFileName.TryParse(fileName, out var wheel))
        {
            throw new RegistryException(ErrorCodes.Registries.InvalidWheel,
                $"'{fileName}' is not a wheel's file name: it must read NAME-VERSION-PYTHONTAG-ABITAG-PLATFORMTAG.whl (PEP 427), " +
                "e.g. churn_model-1.0.0-py3-none-any.whl.");
        }
        string text;
        try
        {
            using var archive = ZipFile.OpenRead(wheelPath);
            if (ArchiveEntryPaths.FirstUnsafe(archive.Entries.Select(e => e.FullName)) is { } unsafeEntry)
            {
                throw new RegistryException(ErrorCodes.Registries.InvalidWheel,
                    $"Wheel '{wheelPath}' has an entry '{unsafeEntry}' that would be installed outside its folder (an absolute path or '..'), which pip refuses: rebuild it from a clean folder.");
            }
            var metadataPath = $"{wheel.DistInfoFolder}/METADATA";
            var entry = archive.Entries.FirstOrDefault(e => string.Equals(e.FullName, metadataPath, StringComparison.OrdinalIgnoreCase))
                ?? throw new RegistryException(ErrorCodes.Registries.InvalidWheel,
                    $"Wheel '{wheelPath}' has no '{metadataPath}': rebuild it so that its .dist-info folder matches its file name.");
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            text = reader.ReadToEnd();
        }
        catch (InvalidDataException e)
        {
            throw new RegistryException(ErrorCodes.Registries.InvalidWheel, $"'{wheelPath}' is not a zip file, so not a wheel: rebuild it.", e);
        }
        var metadata = new WheelMetadata(wheel, Parse(text));
        if (metadata.Fields.All(f => f.Key != "name") || metadata.Fields.All(f => f.Key != "version"))
        {
            throw new RegistryException(ErrorCodes.Registries.InvalidWheel,
                $"The METADATA of wheel '{wheelPath}' lacks Name or Version: rebuild the wheel.");
        }
        if (PythonProjectName.Normalize(metadata.Name) != wheel.Project || metadata.Version != wheel.Version)
        {
            throw new RegistryException(ErrorCodes.Registries.InvalidWheel,
                $"Wheel '{fileName}' says it is {metadata.Name} {metadata.Version} in its METADATA: the file name and the metadata must " +
                "name the same project and version; rebuild the wheel instead of renaming it.");
        }
        return metadata;
    }

    private string Single(string field) => Fields.First(f => f.Key == field).Value;

    /// <summary>Email-header style: <c>Name: value</c>, continuation lines start with white space, the body follows a blank line.</summary>
    private static List<KeyValuePair<string, string>> Parse(string text)
    {
        var fields = new List<KeyValuePair<string, string>>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var i = 0;
        for (; i < lines.Length && lines[i].Length > 0; i++)
        {
            var line = lines[i];
            if (char.IsWhiteSpace(line[0]) && fields.Count > 0)
            {
                var last = fields[^1];
                fields[^1] = new(last.Key, last.Value + "\n" + line.TrimStart());
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }
            var header = line[..colon].Trim();
            var key = PluralFields.TryGetValue(header, out var plural) ? plural : header.ToLowerInvariant().Replace('-', '_');
            fields.Add(new(key, line[(colon + 1)..].Trim()));
        }
        var body = string.Join('\n', lines.Skip(i + 1)).TrimEnd('\n');
        if (body.Length > 0)
        {
            fields.Add(new("description", body));
        }
        return fields;
    }
}
