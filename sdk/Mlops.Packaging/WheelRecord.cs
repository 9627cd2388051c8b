using System.Security.Cryptography;
using System.Text;

namespace Mlops.Packaging;

/// <summary>A wheel's <c>.dist-info/RECORD</c>: one CSV line per file with its sha256 (URL-safe base64, no padding) and size.</summary>
internal sealed class WheelRecord(string recordPath)
{
    private readonly StringBuilder _lines = new();

    public void Add(string path, ReadOnlySpan<byte> content) => Add(path, SHA256.HashData(content), content.Length);

    public void Add(string path, byte[] sha256, long size) =>
        _lines.Append($"{Csv(path)},sha256={Convert.ToBase64String(sha256).TrimEnd('=').Replace('+', '-').Replace('/', '_')},{size}\n");

    /// <summary>The RECORD file itself, listed last with no hash and no size, as PEP 376 has it.</summary>
    public byte[] ToUtf8() => Encoding.UTF8.GetBytes(_lines + $"{Csv(recordPath)},,\n");

    private static string Csv(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
