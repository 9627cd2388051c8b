using System.Text;
using System.Text.Json;
using Mlops.Diagnostics;

namespace Mlops.Environments.Json;

/// <summary>
/// Reads strict JSON (no comments, no trailing commas) into <see cref="LocatedValue"/>s with System.Text.Json's
/// <see cref="Utf8JsonReader"/>. A syntax error ends the reading with one diagnostic at the reader's position; a
/// duplicate key is reported and reading goes on, so the rest of the file is still checked.
/// </summary>
internal sealed class LocatedJsonReader
{
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    private readonly string _path;
    private readonly byte[] _utf8;
    private readonly TextPositions _positions;
    private readonly List<Diagnostic> _diagnostics;

    private LocatedJsonReader(string path, byte[] utf8, List<Diagnostic> diagnostics)
    {
        _path = path;
        _utf8 = utf8;
        _positions = new TextPositions(utf8);
        _diagnostics = diagnostics;
    }

    /// <summary>The document's root value, or null after a syntax error (reported in <paramref name="diagnostics"/>).</summary>
    public static LocatedValue? Read(string json, string path, List<Diagnostic> diagnostics)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        if (utf8.AsSpan().StartsWith(ByteOrderMark))
        {
            utf8 = utf8[ByteOrderMark.Length..];
        }
        return new LocatedJsonReader(path, utf8, diagnostics).ReadDocument();
    }

    private LocatedValue? ReadDocument()
    {
        var reader = new Utf8JsonReader(_utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false });
        try
        {
            if (!reader.Read())
            {
                _diagnostics.Add(Diagnostic.Error(ErrorCodes.Environments.InvalidJson,
                    $"The environments file {_path} is empty. Write a JSON object with an \"environments\" object in it.",
                    new SourceLocation(_path, 1, 1)));
                return null;
            }
            var root = ReadValue(ref reader);
            reader.Read(); // throws on anything after the root value
            return root;
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = (int)(e.BytePositionInLine ?? 0) + 1;
            _diagnostics.Add(Diagnostic.Error(ErrorCodes.Environments.InvalidJson,
                $"The environments file {_path} is not valid JSON: {FirstSentence(e.Message)} Fix the JSON at this place (comments and trailing commas are not allowed).",
                new SourceLocation(_path, line, column)));
            return null;
        }
    }

    private LocatedValue ReadValue(ref Utf8JsonReader reader)
    {
        var location = LocationOf(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return ReadObject(ref reader, location);
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    ReadValue(ref reader);
                }
                return new LocatedValue(LocatedValueKind.Array, location);
            case JsonTokenType.String:
                return new LocatedValue(LocatedValueKind.String, location, reader.GetString());
            case JsonTokenType.Number:
                return new LocatedValue(LocatedValueKind.Number, location, Encoding.UTF8.GetString(reader.ValueSpan));
            case JsonTokenType.True:
            case JsonTokenType.False:
                return new LocatedValue(LocatedValueKind.Boolean, location, Boolean: reader.GetBoolean());
            default:
                return new LocatedValue(LocatedValueKind.Null, location);
        }
    }

    private LocatedValue ReadObject(ref Utf8JsonReader reader, SourceLocation location)
    {
        var members = new List<LocatedMember>();
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            var keyLocation = LocationOf(reader.TokenStartIndex);
            reader.Read();
            var value = ReadValue(ref reader);
            if (seen.TryGetValue(key, out var first))
            {
                _diagnostics.Add(Diagnostic.Error(ErrorCodes.Environments.DuplicateKey,
                    $"The key \"{key}\" appears twice in this object of {_path} (first at line {first.Line}). Keep one of them.",
                    keyLocation));
                continue;
            }
            seen.Add(key, keyLocation);
            members.Add(new LocatedMember(key, keyLocation, value));
        }
        return new LocatedValue(LocatedValueKind.Object, location) { Members = members };
    }

    private SourceLocation LocationOf(long offset)
    {
        var (line, column) = _positions.At(offset);
        return new SourceLocation(_path, line, column);
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var sentence = (end > 0 ? message[..end] : message).Trim();
        return sentence.EndsWith('.') ? sentence : sentence + ".";
    }
}
