using System.Globalization;
using System.Text;

namespace Mlops.Pipelines.Yaml;

/// <summary>The scalars of <see cref="YamlBlockReader"/>'s subset: plain, one-line quoted (with escapes) and literal blocks.</summary>
internal sealed partial class YamlBlockReader
{
    private string ReadPlain(int index, int start, int indent)
    {
        var length = Length(index);
        var first = At(index, start);
        var next = start + 1 < length ? At(index, start + 1) : ' ';
        if (first is '&' or '*' or '!' or '>' or '%' or '@' or '`' or ']' or '}' or ',' or '#' || (first is '?' or ':' or '-' && next == ' '))
        {
            throw NotInSubset();
        }
        var end = length;
        while (end > start && At(index, end - 1) == ' ')
        {
            end--;
        }
        var scalar = Line(index)[start..end];
        if (scalar.Contains(": ", StringComparison.Ordinal) || scalar.EndsWith(':') || scalar.Contains(" #", StringComparison.Ordinal))
        {
            throw NotInSubset();
        }
        var plain = text.Substring(lines[index].Start + start, end - start);
        if (plain is "---" or "..." || plain.StartsWith("--- ", StringComparison.Ordinal) || plain.StartsWith("... ", StringComparison.Ordinal))
        {
            throw NotInSubset();
        }
        EndOfScalar(index, length, indent);
        return plain;
    }

    /// <summary>After a one-line scalar: a more indented next line would continue it (a multi-line scalar), which this reader leaves.</summary>
    private void EndOfScalar(int index, int end, int indent)
    {
        var length = Length(index);
        while (end < length && At(index, end) == ' ')
        {
            end++;
        }
        if (end < length)
        {
            throw NotInSubset();
        }
        line = index + 1;
        SkipBlankLines();
        if (!AtEnd && Indent(line) > indent)
        {
            throw NotInSubset();
        }
    }

    /// <summary>A quoted scalar that ends on its line, and the column after its closing quote.</summary>
    private (string Value, int End) ReadQuoted(int index, int start)
    {
        var quote = At(index, start);
        var length = Length(index);
        var value = new StringBuilder();
        for (var c = start + 1; c < length; c++)
        {
            var ch = At(index, c);
            if (ch == quote)
            {
                if (quote == '\'' && c + 1 < length && At(index, c + 1) == '\'')
                {
                    value.Append('\'');
                    c++;
                    continue;
                }
                return (value.ToString(), c + 1);
            }
            if (ch == '\\' && quote == '"')
            {
                c = Escape(index, c + 1, value);
                continue;
            }
            value.Append(ch);
        }
        throw NotInSubset();
    }

    /// <summary>A double-quoted scalar's escape sequence after the backslash; the column of its last character.</summary>
    private int Escape(int index, int c, StringBuilder value)
    {
        if (c >= Length(index))
        {
            throw NotInSubset();
        }
        var simple = At(index, c) switch
        {
            '0' => '\0', 'a' => '\a', 'b' => '\b', 't' => '\t', 'n' => '\n', 'v' => '\v', 'f' => '\f', 'r' => '\r', 'e' => '\x1B',
            ' ' => ' ', '"' => '"', '/' => '/', '\\' => '\\', 'N' => '\x85', '_' => '\xA0', 'L' => '\u2028', 'P' => '\u2029',
            _ => (char?)null,
        };
        if (simple is { } known)
        {
            value.Append(known);
            return c;
        }
        var digits = At(index, c) switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => throw NotInSubset() };
        if (c + digits >= Length(index)
            || !int.TryParse(text.AsSpan(lines[index].Start + c + 1, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            || code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
        {
            throw NotInSubset();
        }
        value.Append(char.ConvertFromUtf32(code));
        return c + digits;
    }

    /// <summary>A literal block (<c>|</c>, with an optional indentation indicator and chomping), its lines after this one.</summary>
    private string ReadLiteral(int index, int start, int indent)
    {
        var header = Slice(index, start + 1).TrimEnd(' ');
        int? indicator = null;
        var chomp = ' ';
        foreach (var c in header)
        {
            if (c is >= '1' and <= '9' && indicator is null)
            {
                indicator = c - '0';
            }
            else if (c is '-' or '+' && chomp == ' ')
            {
                chomp = c;
            }
            else
            {
                throw NotInSubset();
            }
        }
        var first = index + 1;
        var contentIndent = indent + indicator;
        if (contentIndent is null)
        {
            var probe = first;
            while (probe < lines.Count && Length(probe) == 0)
            {
                probe++;
            }
            contentIndent = probe < lines.Count ? Indent(probe) : 0;
            if (contentIndent <= indent)
            {
                throw NotInSubset(); // an empty literal, or a malformed one
            }
        }
        var value = new StringBuilder();
        var trailingBreaks = 0;
        var current = first;
        for (; current < lines.Count; current++)
        {
            var length = Length(current);
            var spaces = Indent(current);
            if (spaces == length)
            {
                if (length > 0)
                {
                    throw NotInSubset(); // a line of spaces: YamlDotNet's rules for those are its own
                }
                trailingBreaks++;
                continue;
            }
            if (spaces < contentIndent)
            {
                break;
            }
            if (value.Length > 0 || trailingBreaks > 0)
            {
                value.Append('\n', value.Length > 0 ? trailingBreaks + 1 : trailingBreaks);
            }
            trailingBreaks = 0;
            value.Append(text, lines[current].Start + contentIndent.Value, length - contentIndent.Value);
        }
        var hasContent = value.Length > 0;
        if (current == lines.Count && lines[^1].Start == text.Length && trailingBreaks > 0)
        {
            trailingBreaks--; // the text's final line break made an empty last "line"
        }
        switch (chomp)
        {
            case '+':
                value.Append('\n', hasContent ? trailingBreaks + 1 : trailingBreaks);
                break;
            case ' ' when hasContent:
                value.Append('\n');
                break;
        }
        line = current;
        SkipBlankLines();
        if (!AtEnd && Indent(line) > indent)
        {
            throw NotInSubset();
        }
        return value.ToString();
    }
}
