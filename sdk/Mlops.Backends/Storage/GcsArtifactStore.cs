using System.Net.Http.Headers;
using System.Security.Cryptography;
using Google.Cloud.Storage.V1;
using Mlops.Diagnostics;
using Mlops.Registries.Auth;
using StorageObject = Google.Apis.Storage.v1.Data.Object;

namespace Mlops.Backends.Storage;

/// <summary>
/// Reads a run's artifacts from Cloud Storage with Google.Cloud.Storage.V1, authenticated by an
/// <see cref="IAccessTokenSource"/>. A download reads the object's metadata (size, generation, crc32c, md5Hash),
/// streams its bytes to <c>NAME.partial</c> pinned to that generation, and after a cut connection, a 429 or a 5xx
/// continues from the bytes already on disk with a <c>Range: bytes=N-</c> request (a few tries, with backoff). The
/// whole file is then checked against crc32c, md5Hash and the expected sha256, and moved into place; on any failure
/// the partial file is deleted.
/// </summary>
public sealed class GcsArtifactStore : IArtifactStore, IDisposable
{
    // The client library buffers a chunk before it writes it to the file: what a cut connection can lose and read again.
    private const int ChunkSize = 1 << 16;

    private readonly IAccessTokenSource credentials;
    private readonly GcsArtifactStoreOptions options;
    private readonly StorageClient client;

    public GcsArtifactStore(IAccessTokenSource credentials, GcsArtifactStoreOptions? options = null)
    {
        this.credentials = credentials;
        this.options = options ?? new GcsArtifactStoreOptions();
        client = new StorageClientBuilder
        {
            Credential = new AccessTokenCredential(credentials),
            BaseUri = this.options.BaseUri?.ToString(),
            HttpClientFactory = this.options.HttpClientFactory,
            ApplicationName = "mlops-sdk",
        }.Build();
        // One try per call at the HTTP layer: the library would restart a cut download from byte 0 (after its own
        // backoff); the retries here resume from what is on disk instead.
        client.Service.HttpClient.MessageHandler.NumTries = 1;
    }

    public string Scheme => "gs";

    public async Task<DownloadedArtifact> DownloadAsync(string uri, string destinationFolder, string? expectedSha256 = null, CancellationToken cancellationToken = default)
    {
        var location = GcsUri.Parse(uri);
        var expected = expectedSha256 is null ? null : NormalizeSha256(expectedSha256);
        var source = await ResolveAsync(location, cancellationToken);
        var found = new GcsUri(source.Bucket, source.Name);
        Directory.CreateDirectory(destinationFolder);
        var destination = Path.Combine(Path.GetFullPath(destinationFolder), source.Name[(source.Name.LastIndexOf('/') + 1)..]);
        var partial = destination + ".partial";
        File.Delete(destination);
        File.Delete(partial);
        try
        {
            await ReadIntoAsync(source, found, partial, cancellationToken);
            var sha256 = Verify(source, found, partial, expected);
            File.Move(partial, destination);
            return new DownloadedArtifact(found.ToString(), destination, (long)source.Size!.Value, sha256, source.Generation!.Value);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public async Task<IReadOnlyList<string>> ListAsync(string folderUri, int limit, CancellationToken cancellationToken = default)
    {
        var folder = GcsUri.Parse(folderUri);
        var prefix = folder.IsFolder ? folder.Name : folder.Name + "/";
        return await RetryingAsync(folder, false, async () =>
            (IReadOnlyList<string>)await client.ListObjectsAsync(folder.Bucket, prefix, new ListObjectsOptions { RetryOptions = RetryOptions.Never })
                .Where(o => !o.Name.EndsWith('/'))
                .Take(limit)
                .Select(o => new GcsUri(o.Bucket, o.Name).ToString())
                .ToListAsync(cancellationToken), cancellationToken);
    }

    /// <summary>The object <paramref name="location"/> names, or the one file of the folder it names.</summary>
    private async Task<StorageObject> ResolveAsync(GcsUri location, CancellationToken cancellationToken)
    {
        if (!location.IsFolder)
        {
            try
            {
                return await RetryingAsync(location, false, () => client.GetObjectAsync(location.Bucket, location.Name,
                    new GetObjectOptions { RetryOptions = RetryOptions.Never }, cancellationToken), cancellationToken);
            }
            catch (MlopsException e) when (e.Code == ErrorCodes.Storage.ObjectNotFound)
            {
                // KFP writes an artifact either as a file at its URI or as files under it.
            }
        }
        var prefix = location.IsFolder ? location.Name : location.Name + "/";
        var files = await RetryingAsync(location, false, async () =>
            await client.ListObjectsAsync(location.Bucket, prefix, new ListObjectsOptions { RetryOptions = RetryOptions.Never })
                .Where(o => !o.Name.EndsWith('/'))
                .Take(2)
                .ToListAsync(cancellationToken), cancellationToken);
        return files switch
        {
            [var only] => only,
            [] => throw new MlopsException(ErrorCodes.Storage.ObjectNotFound,
                $"{location} does not exist: no object of that name and no files under {GcsUri.Prefix}{location.Bucket}/{prefix}. Check the URI against the run's output artifacts; the run's outputs may have been deleted (a bucket lifecycle rule)."),
            _ => throw new MlopsException(ErrorCodes.Storage.ArtifactIsFolder,
                $"{location} is a folder of several files (e.g. {files[0].Name}, {files[1].Name}); a model package embeds one model file. Write the model as one file, or give the URI of the file to take."),
        };
    }

    /// <summary>Streams the object to <paramref name="partial"/>, continuing from what is on disk after a transient failure.</summary>
    private async Task ReadIntoAsync(StorageObject source, GcsUri uri, string partial, CancellationToken cancellationToken)
    {
        var size = (long)(source.Size ?? 0);
        for (var attempt = 1; ; attempt++)
        {
            var have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
            if (attempt > 1 && have >= size)
            {
                return;
            }
            try
            {
                await using var file = new FileStream(partial, FileMode.Append, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await client.DownloadObjectAsync(source.Bucket, source.Name, file, new DownloadObjectOptions
                {
                    Generation = source.Generation,
                    ChunkSize = ChunkSize,
                    DownloadValidationMode = DownloadValidationMode.Never, // verified below, over the whole file
                    Range = have > 0 ? new RangeHeaderValue(have, null) : null,
                }, cancellationToken);
            }
            catch (Exception e) when (attempt < options.Attempts && StorageFailures.IsTransient(e, cancellationToken))
            {
                await Task.Delay(options.Backoff(attempt), cancellationToken);
                continue;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw StorageFailures.Translate(e, uri, credentials.Description, pinnedGeneration: true);
            }
            if (new FileInfo(partial).Length < size && attempt >= options.Attempts)
            {
                throw new MlopsException(ErrorCodes.Storage.DownloadFailed,
                    $"Cloud Storage kept ending the download of {uri} early ({new FileInfo(partial).Length} of {size} bytes after {attempt} tries). Run again later.");
            }
        }
    }

    private async Task<T> RetryingAsync<T>(GcsUri uri, bool pinnedGeneration, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (attempt < options.Attempts && StorageFailures.IsTransient(e, cancellationToken))
            {
                await Task.Delay(options.Backoff(attempt), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw StorageFailures.Translate(e, uri, credentials.Description, pinnedGeneration);
            }
        }
    }

    /// <summary>Checks the file against what Cloud Storage reported and what the caller expects; returns its sha256.</summary>
    private static string Verify(StorageObject source, GcsUri uri, string file, string? expectedSha256)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var crc32c = new Crc32c();
        long size = 0;
        using (var stream = File.OpenRead(file))
        {
            var buffer = new byte[1 << 16];
            for (int n; (n = stream.Read(buffer)) > 0; size += n)
            {
                sha256.AppendData(buffer, 0, n);
                md5.AppendData(buffer, 0, n);
                crc32c.Append(buffer.AsSpan(0, n));
            }
        }
        var mismatch = (long)(source.Size ?? 0) != size ? $"{size} bytes were read, the object has {source.Size}"
            : source.Crc32c is { } crc && crc != crc32c.ToBase64() ? $"its crc32c is {crc32c.ToBase64()}, Cloud Storage reports {crc}"
            : source.Md5Hash is { } hash && hash != Convert.ToBase64String(md5.GetHashAndReset()) ? $"its md5 differs from the md5Hash Cloud Storage reports ({hash})"
            : null;
        if (mismatch is not null)
        {
            throw new MlopsException(ErrorCodes.Storage.ChecksumMismatch,
                $"The bytes read from {uri} (generation {source.Generation}) do not match the object: {mismatch}. Nothing was kept; run again, and if it persists the object is corrupted: train again.");
        }
        var actual = Convert.ToHexStringLower(sha256.GetHashAndReset());
        if (expectedSha256 is not null && actual != expectedSha256)
        {
            throw new MlopsException(ErrorCodes.Storage.Sha256Mismatch,
                $"{uri} has sha256 {actual}, not the expected {expectedSha256}. Nothing was kept; check that the URI and the expected digest name the same model.");
        }
        return actual;
    }

    private static string NormalizeSha256(string expected)
    {
        var hex = (expected.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? expected[7..] : expected).Trim().ToLowerInvariant();
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigit) ? hex
            : throw new MlopsException(ErrorCodes.Storage.Sha256Mismatch,
                $"The expected sha256 '{expected}' is not 64 hexadecimal digits (optionally after 'sha256:'); give the digest the model was recorded with.");
    }

    public void Dispose() => client.Dispose();
}
