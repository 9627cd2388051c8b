using System.IO.Compression;
using System.Text;

namespace Mlops.Sdk.IntegrationTests.Infrastructure;

/// <summary>
/// The secrets an authenticated publish to the loopback environments handles (eng/demo/environments.sh): the registries'
/// password and the base64 <c>user:password</c> docker's config.json holds, the access token Google's loopback token
/// endpoint issues, and a line of the service account's private key; and the search for them in everything a publish
/// leaves: its console output, its binary log (decompressed) and every file under the given folders.
/// </summary>
internal static class PublishedSecrets
{
    /// <summary>Files larger than this are not searched (model files, packages' payloads are not where a secret would be written).</summary>
    private const long MaxSearchedFileBytes = 64L << 20;

    public static IReadOnlyList<string> Planted(IReadOnlyDictionary<string, string> services, string privateKeyPem)
    {
        var password = services["ENVIRONMENTS_PASSWORD"];
        var keyLine = File.ReadAllLines(privateKeyPem).Skip(5).First(l => l.Length > 40);
        return
        [
            password,
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{services["ENVIRONMENTS_USER"]}:{password}")),
            services["ENVIRONMENTS_GOOGLE_TOKEN"],
            keyLine,
        ];
    }

    public static void AssertNoneLeaked(IReadOnlyList<string> planted, IEnumerable<string> logs, string binlog, IEnumerable<string> folders)
    {
        Assert.All(planted, secret => Assert.True(secret.Length >= 16, "a planted secret is too short to search for"));
        var leaks = new List<string>();
        foreach (var (text, index) in logs.Select((t, i) => (t, i)))
        {
            leaks.AddRange(planted.Where(s => text.Contains(s, StringComparison.Ordinal)).Select(s => $"console output of step {index}"));
        }
        using (var decompressed = new MemoryStream())
        {
            using (var gzip = new GZipStream(File.OpenRead(binlog), CompressionMode.Decompress))
            {
                gzip.CopyTo(decompressed);
            }
            Assert.True(decompressed.Length > 0, "the binary log is empty");
            leaks.AddRange(planted.Where(s => Contains(decompressed.GetBuffer().AsSpan(0, (int)decompressed.Length), s)).Select(_ => binlog));
        }
        var searched = 0;
        foreach (var file in folders.Where(Directory.Exists).SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories)))
        {
            if (new FileInfo(file).Length > MaxSearchedFileBytes)
            {
                continue;
            }
            var bytes = File.ReadAllBytes(file);
            searched++;
            leaks.AddRange(planted.Where(s => Contains(bytes, s)).Select(_ => file));
        }
        Assert.True(searched > 50, $"only {searched} files were searched: the folders are not what a publish leaves");
        Assert.True(leaks.Count == 0, "a secret was found in: " + string.Join(", ", leaks.Distinct()));
    }

    private static bool Contains(ReadOnlySpan<byte> haystack, string secret) =>
        haystack.IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0 || haystack.IndexOf(Encoding.Unicode.GetBytes(secret)) >= 0;
}
