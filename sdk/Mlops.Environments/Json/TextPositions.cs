using System.Text;

namespace Mlops.Environments.Json;

/// <summary>Turns a byte offset into UTF-8 text into a 1-based line and column (counted in characters, as editors do).</summary>
internal sealed class TextPositions
{
    private readonly byte[] _utf8;
    private readonly List<int> _lineStarts = [0];

    public TextPositions(byte[] utf8)
    {
        _utf8 = utf8;
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public (int Line, int Column) At(long offset)
    {
        var index = _lineStarts.BinarySearch((int)offset);
        var line = index >= 0 ? index : ~index - 1;
        var start = _lineStarts[line];
        return (line + 1, Encoding.UTF8.GetCharCount(_utf8, start, (int)offset - start) + 1);
    }
}
