using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Mlops.Diagnostics;
using Mlops.Registries.Auth;
using Mlops.Registries.Http;

namespace Mlops.Registries.Python;

/// <summary>
/// A Python repository on a server that takes twine's legacy upload API (<c>POST</c> of a multipart form to the
/// repository URL) and serves its simple index at <c>simple/</c> under it: Artifact Registry's Python format,
/// pypiserver, devpi, Nexus. Files are immutable: a push of a file already listed with the same sha256 uploads
/// nothing; with another sha256 it throws <see cref="ImmutableVersionException"/> (MLOPS3002) before uploading.
/// </summary>
public sealed class PythonUploadIndex : IPythonPackageIndex
{
    private readonly HttpClient http;
    private readonly IRegistryCredentialProvider? credentials;
    private readonly RetrySettings retries;

    /// <param name="repositoryUrl">The upload URL, e.g. <c>https://europe-west4-python.pkg.dev/acme-dataops/models/</c>.</param>
    /// <param name="http">From <see cref="RegistryHttpClient.Create"/>.</param>
    /// <param name="retries">How often a whole upload is sent again after a transient fault (the handler cannot replay a streamed file).</param>
    public PythonUploadIndex(Uri repositoryUrl, HttpClient http, IRegistryCredentialProvider? credentials = null, RetrySettings? retries = null)
    {
        RepositoryUrl = repositoryUrl.AbsoluteUri.EndsWith('/') ? repositoryUrl : new Uri(repositoryUrl.AbsoluteUri + "/");
        this.http = http;
        this.credentials = credentials;
        this.retries = retries ?? RetrySettings.Default;
    }

    public Uri RepositoryUrl { get; }

    public Uri IndexUrl => new(RepositoryUrl, "simple/");

    public async Task<PythonPackageFile> PushAsync(string wheelPath, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(wheelPath))
        {
            throw new RegistryException(ErrorCodes.Registries.FileToPushNotFound,
                $"There is no wheel at '{Path.GetFullPath(wheelPath)}': build it first (dotnet pack) or fix the path.");
        }
        var metadata = WheelMetadata.Read(wheelPath);
        var sha256 = await Sha256OfAsync(wheelPath, cancellationToken).ConfigureAwait(false);
        if (await FindPublishedAsync(metadata.FileName, sha256, cancellationToken).ConfigureAwait(false) is { } published)
        {
            return published;
        }
        await UploadAsync(wheelPath, metadata, sha256, cancellationToken).ConfigureAwait(false);
        return await FindPublishedAsync(metadata.FileName, sha256, cancellationToken).ConfigureAwait(false)
            ?? throw new RegistryException(ErrorCodes.Registries.PythonUploadNotListed,
                $"'{RepositoryUrl}' accepted {metadata.FileName} but its index '{IndexUrl}' does not list it: check that the index is the " +
                "repository's own simple index.");
    }

    public async Task<IReadOnlyList<string>> ListProjectsAsync(CancellationToken cancellationToken = default)
    {
        var (page, mediaType) = await GetPageAsync(IndexUrl, cancellationToken).ConfigureAwait(false);
        if (page is null)
        {
            return [];
        }
        return ParsePage(IndexUrl, () => SimpleIndexPage.ProjectNames(page, mediaType).Select(PythonProjectName.Normalize)
            .Distinct().Order(StringComparer.Ordinal).ToList());
    }

    public async Task<IReadOnlyList<PythonPackageFile>> ListFilesAsync(string project, CancellationToken cancellationToken = default)
    {
        return (await ListLinksAsync(project, cancellationToken).ConfigureAwait(false)).Select(l => l.File).ToList();
    }

    public async Task<PythonPackageFile> DownloadAsync(string project, string fileName, string destination, CancellationToken cancellationToken = default)
    {
        var links = await ListLinksAsync(project, cancellationToken).ConfigureAwait(false);
        var found = links.Where(l => l.File.FileName == fileName).Take(1).ToList();
        if (found is not [var link])
        {
            throw new RegistryException(ErrorCodes.Registries.NotFound,
                $"'{IndexUrl}' lists no {fileName}: check the version, or publish it to this repository first.");
        }
        if (link.File.Sha256.Length == 0)
        {
            throw new RegistryException(ErrorCodes.Registries.PythonDownloadNotVerified,
                $"'{IndexUrl}' lists {fileName} without a sha256, so a copy of it could not be verified: use a repository whose index gives hashes (PEP 503 #sha256=).");
        }
        var partial = destination + ".partial";
        string sha256;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                sha256 = await DownloadOnceAsync(link.Url, fileName, partial, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (TransientFaults.IsTransient(e, cancellationToken))
            {
                File.Delete(partial);
                if (attempt >= retries.MaxRetries)
                {
                    throw new RegistryException(ErrorCodes.Registries.PythonIndexUnreadable,
                        $"Downloading {fileName} from '{link.Url}' failed {attempt + 1} times ({e.Message}): retry when the repository '{RepositoryUrl}' is reachable; nothing was copied.", e);
                }
                await Task.Delay(retries.DelayBefore(attempt), cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                File.Delete(partial);
                throw;
            }
        }
        if (!string.Equals(sha256, link.File.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(partial);
            throw new RegistryException(ErrorCodes.Registries.PythonDownloadNotVerified,
                $"'{link.Url}' served {fileName} with sha256 {sha256}, and its index lists {link.File.Sha256}: the repository does not hold the bytes it lists; nothing was copied.");
        }
        File.Move(partial, destination, overwrite: true);
        return link.File;
    }

    /// <summary>
    /// One try at the file: streamed to <paramref name="partial"/>, hashed on the way; its sha256. The HTTP handler
    /// retries an answer of 429 or 5xx; a connection dropped or stalled mid-body is the caller's to try again.
    /// </summary>
    private async Task<string> DownloadOnceAsync(Uri url, string fileName, string partial, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        // The file may be served from another host (a CDN, a storage bucket): the repository's credential stays with the repository.
        if (url.Authority == RepositoryUrl.Authority)
        {
            await AuthorizeAsync(request, cancellationToken).ConfigureAwait(false);
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        ThrowForAccess(response.StatusCode, "download from");
        if (!response.IsSuccessStatusCode)
        {
            throw new RegistryException(ErrorCodes.Registries.PythonIndexUnreadable,
                $"Downloading {fileName} from '{url}' answered {(int)response.StatusCode} {response.ReasonPhrase}: check the repository '{RepositoryUrl}'.");
        }
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private async Task<IReadOnlyList<(PythonPackageFile File, Uri Url)>> ListLinksAsync(string project, CancellationToken cancellationToken)
    {
        var normalized = PythonProjectName.Normalize(project);
        var url = new Uri(IndexUrl, Uri.EscapeDataString(normalized) + "/");
        var (page, mediaType) = await GetPageAsync(url, cancellationToken).ConfigureAwait(false);
        if (page is null)
        {
            return [];
        }
        return ParsePage(url, () => SimpleIndexPage.Files(page, mediaType)
            .Where(f => f.FileName.EndsWith(".whl", StringComparison.OrdinalIgnoreCase) && WheelFileName.TryParse(f.FileName, out _))
            .Select(f =>
            {
                WheelFileName.TryParse(f.FileName, out var wheel);
                return (new PythonPackageFile(normalized, f.FileName, wheel.Version, f.Sha256 ?? ""), new Uri(url, f.Href));
            })
            .OrderBy(f => f.Item1.FileName, StringComparer.Ordinal).ToList());
    }

    /// <summary>The file as the index lists it when it has <paramref name="sha256"/>; null when it is not listed.</summary>
    private async Task<PythonPackageFile?> FindPublishedAsync(WheelFileName wheel, string sha256, CancellationToken cancellationToken)
    {
        var files = await ListFilesAsync(wheel.Project, cancellationToken).ConfigureAwait(false);
        var existing = files.FirstOrDefault(f => string.Equals(f.FileName, wheel.ToString(), StringComparison.Ordinal));
        if (existing is null)
        {
            return null;
        }
        if (!string.Equals(existing.Sha256, sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ImmutableVersionException(ErrorCodes.Registries.PythonFileImmutable, wheel.Project, wheel.Version,
                $"{wheel} is already published to '{IndexUrl}' with other content (sha256 {(existing.Sha256.Length == 0 ? "not given" : existing.Sha256)}; " +
                $"this file is {sha256}) and a published file is immutable: bump the project's Version and publish again.");
        }
        return existing;
    }

    private async Task UploadAsync(string wheelPath, WheelMetadata metadata, string sha256, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, RepositoryUrl);
                await AuthorizeAsync(request, cancellationToken).ConfigureAwait(false);
                await using var file = new FileStream(wheelPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
                request.Content = UploadForm.Create(metadata, sha256, file);
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < retries.MaxRetries && TransientFaults.IsTransient(e, cancellationToken))
            {
                await Task.Delay(retries.DelayBefore(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (Exception e) when (TransientFaults.IsTransient(e, cancellationToken))
            {
                throw new RegistryException(ErrorCodes.Registries.PythonUploadRefused,
                    $"Uploading {metadata.FileName} to '{RepositoryUrl}' failed {attempt + 1} times ({e.Message}): retry when the repository is reachable.", e);
            }
            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
                if (TransientFaults.IsTransient(response.StatusCode) && attempt < retries.MaxRetries)
                {
                    await Task.Delay(TransientFaults.RetryAfter(response, retries.MaxRetryAfter) ?? retries.DelayBefore(attempt), cancellationToken).ConfigureAwait(false);
                    continue;
                }
                var body = await ReadSomeAsync(response, cancellationToken).ConfigureAwait(false);
                if (IsAlreadyExists(response, body))
                {
                    // Another publisher won the race: the index decides whether it was the same file.
                    if (await FindPublishedAsync(metadata.FileName, sha256, cancellationToken).ConfigureAwait(false) is not null)
                    {
                        return;
                    }
                }
                ThrowForAccess(response.StatusCode, "upload to");
                throw new RegistryException(ErrorCodes.Registries.PythonUploadRefused,
                    $"'{RepositoryUrl}' refused the upload of {metadata.FileName}: {(int)response.StatusCode} {response.ReasonPhrase} {Shorten(body)}".TrimEnd() +
                    ". Fix what the repository says, or retry when it is available.");
            }
        }
    }

    /// <summary>twine's test for "the file is already there": 409, or 400 whose reason or body says "already exist".</summary>
    private static bool IsAlreadyExists(HttpResponseMessage response, string body) =>
        response.StatusCode == HttpStatusCode.Conflict
        || (response.StatusCode == HttpStatusCode.BadRequest
            && ((response.ReasonPhrase ?? "").Contains("already exist", StringComparison.OrdinalIgnoreCase)
                || body.Contains("already exist", StringComparison.OrdinalIgnoreCase)));

    private async Task<(string? Page, string? MediaType)> GetPageAsync(Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(SimpleIndexPage.Accept);
        await AuthorizeAsync(request, cancellationToken).ConfigureAwait(false);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return (null, null);
        }
        ThrowForAccess(response.StatusCode, "read the index of");
        if (!response.IsSuccessStatusCode)
        {
            throw new RegistryException(ErrorCodes.Registries.PythonIndexUnreadable,
                $"The simple index '{url}' answered {(int)response.StatusCode} {response.ReasonPhrase}: check that '{RepositoryUrl}' is a Python " +
                "repository's upload URL whose simple/ is its index.");
        }
        return (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), response.Content.Headers.ContentType?.MediaType);
    }

    private T ParsePage<T>(Uri url, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new RegistryException(ErrorCodes.Registries.PythonIndexUnreadable,
                $"'{url}' is not a simple index page (PEP 503 HTML or PEP 691 JSON): check the repository URL '{RepositoryUrl}'.", e);
        }
    }

    private void ThrowForAccess(HttpStatusCode status, string action)
    {
        if (status == HttpStatusCode.Unauthorized)
        {
            throw new RegistryException(ErrorCodes.Registries.PythonRepositoryUnauthorized,
                $"'{RepositoryUrl}' did not accept the credential sent to {action} it (401): configure a user and password for " +
                $"{RepositoryUrl.Authority}, or for Artifact Registry run `gcloud auth application-default login` so that an access token is sent.");
        }
        if (status == HttpStatusCode.Forbidden)
        {
            throw new RegistryException(ErrorCodes.Registries.PythonRepositoryForbidden,
                $"The credential for {RepositoryUrl.Authority} may not {action} '{RepositoryUrl}' (403): grant it the repository's " +
                "reader role to list and writer role to upload (Artifact Registry: roles/artifactregistry.reader, roles/artifactregistry.writer).");
        }
    }

    private async Task AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (credentials is null)
        {
            return;
        }
        var host = RepositoryUrl.Authority;
        var credential = await credentials.GetAsync(host, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = PythonRepositoryAuthorization.For(host, credential);
    }

    private static async Task<string> Sha256OfAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<string> ReadSomeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return text.Length > 2000 ? text[..2000] : text;
    }

    private static string Shorten(string body)
    {
        var line = body.ReplaceLineEndings(" ").Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
