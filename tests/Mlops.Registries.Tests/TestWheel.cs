using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Mlops.Registries.Tests;

/// <summary>Writes a minimal pure-Python wheel: a package whose <c>VALUE</c> is the given text.</summary>
internal static class TestWheel
{
    public static string Write(string folder, string distribution, string version, string value)
    {
        var importName = distribution.Replace('-', '_').ToLowerInvariant();
        var distInfo = $"{importName}-{version}.dist-info";
        var files = new List<(string Path, byte[] Bytes)>
        {
            ($"{importName}/__init__.py", Encoding.UTF8.GetBytes($"VALUE = {value}\n")),
            ($"{distInfo}/METADATA", Encoding.UTF8.GetBytes($"Metadata-Version: 2.1\nName: {distribution}\nVersion: {version}\n")),
            ($"{distInfo}/WHEEL", Encoding.UTF8.GetBytes("Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n")),
        };
        var record = new StringBuilder();
        foreach (var (path, bytes) in files)
        {
            record.Append($"{path},sha256={Convert.ToBase64String(SHA256.HashData(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_')},{bytes.Length}\n");
        }
        record.Append($"{distInfo}/RECORD,,\n");
        files.Add(($"{distInfo}/RECORD", Encoding.UTF8.GetBytes(record.ToString())));

        Directory.CreateDirectory(folder);
        var wheelPath = Path.Combine(folder, $"{importName}-{version}-py3-none-any.whl");
        using var archive = ZipFile.Open(wheelPath, ZipArchiveMode.Create);
        foreach (var (path, bytes) in files)
        {
            using var stream = archive.CreateEntry(path).Open();
            stream.Write(bytes);
        }
        return wheelPath;
    }
}
