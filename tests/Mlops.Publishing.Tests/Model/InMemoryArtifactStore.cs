using System.Security.Cryptography;
using Mlops.Backends.Storage;

namespace Mlops.Publishing.Tests.Model;

/// <summary>gs:// objects held in memory (the Cloud Storage client itself is tested against the loopback stand-in in Mlops.Backends.Tests).</summary>
internal sealed class InMemoryArtifactStore : IArtifactStore
{
    public const long Generation = 1773500966000000; // 2026-03-14T15:09:26Z in microseconds

    public Dictionary<string, byte[]> Objects { get; } = new(StringComparer.Ordinal);

    public string Scheme => "gs";

    public Task<DownloadedArtifact> DownloadAsync(string uri, string destinationFolder, string? expectedSha256 = null, CancellationToken cancellationToken = default)
    {
        var bytes = Objects[uri];
        Directory.CreateDirectory(destinationFolder);
        var path = Path.Combine(destinationFolder, uri[(uri.LastIndexOf('/') + 1)..]);
        File.WriteAllBytes(path, bytes);
        return Task.FromResult(new DownloadedArtifact(uri, path, bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes)), Generation));
    }

    public Task<IReadOnlyList<string>> ListAsync(string folderUri, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>(Objects.Keys.Where(k => k.StartsWith(folderUri, StringComparison.Ordinal)).Order(StringComparer.Ordinal).Take(limit).ToList());
}
