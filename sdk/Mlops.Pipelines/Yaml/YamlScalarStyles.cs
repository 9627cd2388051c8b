using System.Buffers;

namespace Mlops.Pipelines.Yaml;

internal enum YamlScalarStyle
{
    /// <summary>Not a scalar <see cref="YamlBlockWriter"/> writes: leave the document to the reference writer.</summary>
    Unknown,
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
}

/// <summary>
/// The style YamlDotNet's emitter gives a string in block context when asked for a literal block (text with line
/// breaks), single quotes (text a reader would take for another type) or any style (the rest), for strings of printable
/// characters whose only line break is <c>\n</c>; <see cref="YamlScalarStyle.Unknown"/> for every other string.
/// </summary>
internal static class YamlScalarStyles
{
    /// <summary>Below the emitter's limit (1024, anchors and tags included): longer keys it writes as complex keys.</summary>
    private const int MaxSimpleKeyLength = 1000;

    public static YamlScalarStyle Of(string text, bool isKey)
    {
        if (text.Length == 0)
        {
            return YamlScalarStyle.SingleQuoted;
        }
        if (isKey && text.Length > MaxSimpleKeyLength)
        {
            return YamlScalarStyle.Unknown;
        }
        if (text.Contains('\n'))
        {
            return isKey ? YamlScalarStyle.Unknown : Multiline(text);
        }
        if (!AllSimple(text))
        {
            return YamlScalarStyle.Unknown;
        }
        if (YamlScalars.NeedsQuotes(text))
        {
            return YamlScalarStyle.SingleQuoted;
        }
        if (IsPlainAllowed(text))
        {
            return YamlScalarStyle.Plain;
        }
        return text.Contains('\'') ? YamlScalarStyle.DoubleQuoted : YamlScalarStyle.SingleQuoted;
    }

    private static readonly SearchValues<char> PrintableAsciiOrLineBreak =
        SearchValues.Create(string.Concat(Enumerable.Range(' ', '~' - ' ' + 1).Select(c => (char)c)) + "\n");

    /// <summary>Whether every character <see cref="IsSimple"/> (ASCII, the usual case, checked at once) or is a <c>\n</c> where allowed.</summary>
    private static bool AllSimple(ReadOnlySpan<char> text, bool lineBreaks = false)
    {
        var other = lineBreaks ? text.IndexOfAnyExcept(PrintableAsciiOrLineBreak) : text.IndexOfAnyExceptInRange(' ', '~');
        if (other < 0)
        {
            return true;
        }
        foreach (var c in text[other..])
        {
            if (!IsSimple(c) && !(lineBreaks && c == '\n'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Printable and neither a line break nor a tab (which plain scalars treat as white space).</summary>
    private static bool IsSimple(char c) =>
        c is >= ' ' and <= '~' || (c is >= '\xA1' and <= '\xD7FF' && c is not '\x2028' and not '\x2029');

    /// <summary>A literal block, unless a line is all spaces or the text ends in a space (YamlDotNet double-quotes those).</summary>
    private static YamlScalarStyle Multiline(string text)
    {
        if (text[^1] == ' ' || !AllSimple(text, lineBreaks: true))
        {
            return YamlScalarStyle.Unknown;
        }
        // A line of spaces between two line breaks (the emitter's "lines of spaces").
        for (var at = text.IndexOf("\n ", StringComparison.Ordinal); at >= 0; at = text.IndexOf("\n ", at + 1, StringComparison.Ordinal))
        {
            var rest = text.AsSpan(at + 1);
            var end = rest.IndexOfAnyExcept(' ');
            if (end >= 0 && rest[end] == '\n')
            {
                return YamlScalarStyle.Unknown;
            }
        }
        return YamlScalarStyle.Literal;
    }

    /// <summary>Whether the emitter may write the text plain in block context (no indicator, no surrounding space).</summary>
    private static bool IsPlainAllowed(string text)
    {
        if (text[0] == ' ' || text[^1] == ' ' || text.StartsWith("---", StringComparison.Ordinal) || text.StartsWith("...", StringComparison.Ordinal))
        {
            return false;
        }
        if ("#,[]{}&*!|>\"%@`'".Contains(text[0]) || (text[0] is '?' or '-' && (text.Length == 1 || text[1] == ' ')))
        {
            return false;
        }
        return !text.Contains(": ", StringComparison.Ordinal) && !text.EndsWith(':') && !text.Contains(" #", StringComparison.Ordinal);
    }
}
