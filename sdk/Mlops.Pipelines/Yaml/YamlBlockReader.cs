using System.Text.Json.Nodes;

namespace Mlops.Pipelines.Yaml;

/// <summary>
/// Reads the block YAML that IR files are written in (by <see cref="YamlJsonWriter"/> and by PyYAML for the KFP SDK):
/// one document of block mappings and sequences, plain and one-line quoted scalars, literal blocks, empty flow
/// collections, comment lines. It gives the tree YamlDotNet's parser gives, in a single pass over the lines; on
/// anything else (several documents, anchors, tags, folded or multi-line flow scalars, tabs, malformed text, nesting past
/// <see cref="YamlLimits.MaxDepth"/>) it gives up, and the caller reads the text with YamlDotNet, which also reports what is wrong.
/// </summary>
internal sealed partial class YamlBlockReader
{
    private readonly string text;
    private readonly IJsonTreeSink sink;
    private readonly List<(int Start, int End)> lines = [];
    private int line;
    private int depth;

    private YamlBlockReader(string text, IJsonTreeSink sink)
    {
        this.text = text;
        this.sink = sink;
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }
            lines.Add((start, end));
            start = end + 1;
        }
    }

    /// <summary>The document's tree, or false when the text is not in the subset this reader knows.</summary>
    public static bool TryRead(string text, out JsonNode? document)
    {
        var tree = new JsonNodeSink();
        document = TryRead(text, tree) ? tree.Document : null;
        return document is not null;
    }

    /// <summary>Gives the document to <paramref name="sink"/>; false (the sink's content is then to be dropped) when it cannot.</summary>
    public static bool TryRead(string text, IJsonTreeSink sink)
    {
        if (text.AsSpan().IndexOfAny('\r', '\t', '\uFEFF') >= 0)
        {
            return false;
        }
        try
        {
            var reader = new YamlBlockReader(text, sink);
            reader.SkipBlankLines();
            if (reader.AtEnd || reader.Indent(reader.line) != 0 || reader.IsSequenceEntry(reader.line, 0)
                || reader.StartsWith(reader.line, 0, "---") || reader.StartsWith(reader.line, 0, "%"))
            {
                return false;
            }
            reader.ReadMapping(0, 0);
            reader.SkipBlankLines();
            return reader.AtEnd;
        }
        catch (NotInSubsetException)
        {
            return false;
        }
    }

    private sealed class NotInSubsetException : Exception;

    private static NotInSubsetException NotInSubset() => new();

    private bool AtEnd => line >= lines.Count;

    private int Length(int index) => lines[index].End - lines[index].Start;

    private char At(int index, int column) => text[lines[index].Start + column];

    private string Slice(int index, int from) => text.Substring(lines[index].Start + from, Length(index) - from);

    private bool StartsWith(int index, int column, string prefix) =>
        Length(index) - column >= prefix.Length && string.CompareOrdinal(text, lines[index].Start + column, prefix, 0, prefix.Length) == 0;

    private ReadOnlySpan<char> Line(int index) => text.AsSpan(lines[index].Start, Length(index));

    private int Indent(int index)
    {
        var column = Line(index).IndexOfAnyExcept(' ');
        return column < 0 ? Length(index) : column;
    }

    private bool IsBlank(int index)
    {
        var indent = Indent(index);
        return indent == Length(index) || At(index, indent) == '#';
    }

    /// <summary>Moves past empty lines and comment lines (outside literal blocks).</summary>
    private void SkipBlankLines()
    {
        while (!AtEnd && IsBlank(line))
        {
            line++;
        }
    }

    private bool IsSequenceEntry(int index, int column) =>
        column < Length(index) && At(index, column) == '-' && (column + 1 == Length(index) || At(index, column + 1) == ' ');

    /// <summary>A block mapping whose keys are at <paramref name="indent"/>; the first key at <paramref name="column"/> of the current line.</summary>
    private void ReadMapping(int indent, int column)
    {
        Nest();
        sink.StartObject();
        while (true)
        {
            var (key, valueColumn) = ReadKey(line, column);
            if (!sink.Key(key))
            {
                throw NotInSubset(); // a duplicate key: YamlDotNet reports it
            }
            ReadValue(line, valueColumn, indent, inMapping: true);
            SkipBlankLines();
            if (AtEnd || Indent(line) < indent)
            {
                sink.EndObject();
                depth--;
                return;
            }
            var next = Indent(line);
            if (next > indent || IsSequenceEntry(line, next))
            {
                throw NotInSubset();
            }
            column = indent;
        }
    }

    /// <summary>A block sequence whose dashes are at <paramref name="indent"/>; the first at <paramref name="column"/> of the current line.</summary>
    private void ReadSequence(int indent, int column)
    {
        Nest();
        sink.StartArray();
        while (true)
        {
            var content = column + 1;
            while (content < Length(line) && At(line, content) == ' ')
            {
                content++;
            }
            ReadValue(line, content, indent, inMapping: false);
            SkipBlankLines();
            var next = AtEnd ? -1 : Indent(line);
            if (next < indent || (next == indent && !IsSequenceEntry(line, next)))
            {
                sink.EndArray();
                depth--;
                return;
            }
            if (next > indent)
            {
                throw NotInSubset();
            }
            column = indent;
        }
    }

    /// <summary>One level deeper; past <see cref="YamlLimits.MaxDepth"/> the general reader reports where (this reader recurses).</summary>
    private void Nest()
    {
        if (++depth > YamlLimits.MaxDepth)
        {
            throw NotInSubset();
        }
    }

    /// <summary>A key and the column after its colon.</summary>
    private (string Key, int ValueColumn) ReadKey(int index, int column)
    {
        var length = Length(index);
        if (column < length && At(index, column) is '\'' or '"')
        {
            var (key, end) = ReadQuoted(index, column);
            if (end < length && At(index, end) == ':' && (end + 1 == length || At(index, end + 1) == ' '))
            {
                return (key, end + 1);
            }
            throw NotInSubset();
        }
        var colon = FindKeyColon(index, column);
        if (colon < 0 || colon == column || IsIndicator(At(index, column)) || At(index, colon - 1) == ' ')
        {
            throw NotInSubset();
        }
        return (text.Substring(lines[index].Start + column, colon - column), colon + 1);
    }

    /// <summary>The first colon that ends a key (followed by a space or the end of the line), unless a comment starts before it.</summary>
    private int FindKeyColon(int index, int column)
    {
        var rest = Line(index)[column..];
        var colon = rest.IndexOf(": ");
        if (colon < 0 && rest.EndsWith(':'))
        {
            colon = rest.Length - 1;
        }
        var comment = rest.IndexOf(" #");
        return colon < 0 || (comment >= 0 && comment + 1 < colon) ? -1 : column + colon;
    }

    /// <summary>
    /// The value after <c>key:</c> or <c>-</c> at <paramref name="column"/>: on this line, or the block on the next lines.
    /// <paramref name="indent"/> is the mapping's or sequence's own indentation.
    /// </summary>
    private void ReadValue(int index, int column, int indent, bool inMapping)
    {
        var length = Length(index);
        var start = column;
        while (start < length && At(index, start) == ' ')
        {
            start++;
        }
        if (start == length || At(index, start) == '#')
        {
            if (start < length && start == column)
            {
                throw NotInSubset();
            }
            line = index + 1;
            SkipBlankLines();
            var next = AtEnd ? -1 : Indent(line);
            if ((next > indent || (next == indent && inMapping)) && IsSequenceEntry(line, next))
            {
                ReadSequence(next, next);
            }
            else if (next > indent)
            {
                ReadMapping(next, next);
            }
            else
            {
                sink.Plain("");
            }
            return;
        }
        if (!inMapping && IsSequenceEntry(index, start))
        {
            ReadSequence(start, start);
            return;
        }
        if (!inMapping && LooksLikeKey(index, start))
        {
            ReadMapping(start, start);
            return;
        }
        switch (At(index, start))
        {
            case '|':
                sink.String(ReadLiteral(index, start, indent));
                break;
            case '\'' or '"':
                var (quoted, end) = ReadQuoted(index, start);
                EndOfScalar(index, end, indent);
                sink.String(quoted);
                break;
            case '{' or '[':
                var empty = Slice(index, start);
                EndOfScalar(index, length, indent);
                switch (empty)
                {
                    case "{}":
                        sink.StartObject();
                        sink.EndObject();
                        break;
                    case "[]":
                        sink.StartArray();
                        sink.EndArray();
                        break;
                    default:
                        throw NotInSubset();
                }
                break;
            default:
                sink.Plain(ReadPlain(index, start, indent));
                break;
        }
    }

    private bool LooksLikeKey(int index, int column) =>
        At(index, column) is '\'' or '"' ? IsQuotedKey(index, column) : FindKeyColon(index, column) > column;

    private bool IsQuotedKey(int index, int column)
    {
        try
        {
            var (_, end) = ReadQuoted(index, column);
            return end < Length(index) && At(index, end) == ':';
        }
        catch (NotInSubsetException)
        {
            return false;
        }
    }

    private static bool IsIndicator(char c) => c is '&' or '*' or '!' or '|' or '>' or '%' or '@' or '`' or '{' or '[' or ']' or '}' or ',' or '#' or '\'' or '"'
        or '?' or ':' or '-';
}
