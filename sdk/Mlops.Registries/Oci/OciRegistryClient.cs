using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mlops.Diagnostics;
using Mlops.Registries.Auth;
using Mlops.Registries.Http;

namespace Mlops.Registries.Oci;

/// <summary>
/// A client of one OCI distribution registry (Docker distribution, Artifact Registry's Docker format, any registry
/// of the OCI distribution spec), on <see cref="RegistryHttpClient"/>: blobs are checked with HEAD before upload and
/// streamed from disk (one PUT, or PATCH chunks for large ones where the registry takes them); manifests are sent and
/// read as exact bytes, and every digest the registry reports is checked against the bytes. It answers a 401 as the
/// registry asks: Basic with the host's credential, or a bearer token from the challenge's realm for the scope.
/// </summary>
public sealed class OciRegistryClient : IDisposable
{
    private readonly HttpClient http;
    private readonly IRegistryCredentialProvider? credentials;
    private readonly RetrySettings retries;
    private readonly ConcurrentDictionary<string, AuthenticationHeaderValue> authorizations = new(StringComparer.Ordinal);
    private Task<RegistryCredential?>? credentialLookup;

    public OciRegistryClient(string host, bool plainHttp, IRegistryCredentialProvider? credentials = null, RetrySettings? retries = null,
        HttpMessageHandler? transport = null)
    {
        Host = host;
        BaseUri = new Uri($"{(plainHttp ? "http" : "https")}://{host}/");
        this.credentials = credentials;
        this.retries = retries ?? RetrySettings.Default;
        http = RegistryHttpClient.Create(this.retries, transport);
    }

    /// <summary>The registry's host and port, e.g. <c>europe-west4-docker.pkg.dev</c> or <c>127.0.0.1:5055</c>.</summary>
    public string Host { get; }

    public Uri BaseUri { get; }

    // StreamContent's default 4 KiB would make a 200 MiB layer fifty thousand writes to the socket.
    private const int BlobBufferSize = 1024 * 1024;

    /// <summary>Blobs above this size go in PATCH chunks of this size, where the registry takes chunks (not Artifact Registry).</summary>
    public long ChunkSize { get; init; } = 64L * 1024 * 1024;

    /// <summary>Artifact Registry refuses chunked uploads: everything goes in one PUT there.</summary>
    public bool TakesChunks => !Host.EndsWith("-docker.pkg.dev", StringComparison.OrdinalIgnoreCase);

    public async Task<bool> BlobExistsAsync(string repository, ContentDigest digest, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, Url($"v2/{repository}/blobs/{digest}")), repository, push: false, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        await EnsureSuccessAsync(response, repository, $"checking blob {digest}", cancellationToken);
        return true;
    }

    /// <summary>
    /// Uploads a blob unless the registry has it; returns the bytes uploaded (0 when it had it). A transient failure
    /// restarts the blob from its HEAD (the bytes may have landed), at most <see cref="RetrySettings.MaxRetries"/> times.
    /// </summary>
    public Task<long> PushBlobAsync(string repository, ContentDigest digest, long size, Func<Stream> open, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default) =>
        PushBlobAsync(repository, digest, size, _ => Task.FromResult(open()), progress, cancellationToken);

    /// <summary>
    /// As <see cref="PushBlobAsync(string, ContentDigest, long, Func{Stream}, IProgress{long}?, CancellationToken)"/>, from a
    /// stream that takes a call to open (another registry's blob): each try opens it anew. A coded error its content
    /// raises while it is sent (e.g. MLOPS3026) ends the push as that error, without a retry. With
    /// <paramref name="inChunks"/> false the blob goes in one streamed PUT whatever its size: a stream that cannot be
    /// read again gains nothing from chunks (a failed try starts the blob over), and each chunk is a round trip.
    /// </summary>
    public async Task<long> PushBlobAsync(string repository, ContentDigest digest, long size, Func<CancellationToken, Task<Stream>> open,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default, bool inChunks = true)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (await BlobExistsAsync(repository, digest, cancellationToken))
                {
                    return 0;
                }
                await UploadAsync(repository, digest, size, open, progress, inChunks && TakesChunks && size > ChunkSize, cancellationToken);
                return size;
            }
            catch (Exception e) when (CarriedError(e) is { } carried)
            {
                ExceptionDispatchInfo.Throw(carried);
                throw;
            }
            catch (Exception e) when (attempt < retries.MaxRetries && IsTransient(e, cancellationToken))
            {
                await Task.Delay(retries.DelayBefore(attempt), cancellationToken);
            }
        }
    }

    /// <summary>A coded error that a request's content stream raised and the HTTP stack wrapped (in an HttpRequestException, an IOException).</summary>
    private static RegistryException? CarriedError(Exception e)
    {
        for (var inner = e is RegistryException ? null : e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is RegistryException coded)
            {
                return coded;
            }
        }
        return null;
    }

    /// <summary>
    /// Opens a blob for reading as it arrives, never buffered whole. A redirect (to the storage behind the registry) is
    /// followed without the registry's Authorization: storage URLs carry their own signature, and a credential must
    /// not leave the registry's host. The stream's Length is the Content-Length the answer declared (it throws when none was).
    /// </summary>
    public async Task<Stream> OpenBlobAsync(string repository, ContentDigest digest, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Url($"v2/{repository}/blobs/{digest}")), repository, push: false, cancellationToken);
        for (var hops = 0; IsRedirect(response.StatusCode) && hops < 5; hops++)
        {
            var location = response.Headers.Location is { } to ? new Uri(response.RequestMessage!.RequestUri!, to)
                : throw new RegistryException(ErrorCodes.Registries.OciRequestFailed, $"The image registry {Host} redirected the blob {digest} of {repository} without a Location.");
            response.Dispose();
            response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, location), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        try
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new RegistryException(ErrorCodes.Registries.OciSourceContentMismatch,
                    $"{Host}/{repository} has a manifest that names the blob {digest}, but does not serve that blob: the registry lost content. Nothing was stored in the target.");
            }
            await EnsureSuccessAsync(response, repository, $"reading blob {digest}", cancellationToken);
            return new BlobDownload(response, await response.Content.ReadAsStreamAsync(cancellationToken));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
        or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <summary>A failure worth a retry of the whole blob: a dropped connection (to the target, or to a copy's source), or a 408/429/5xx the registry answered.</summary>
    private static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        // The source of a streamed copy lost its connection: reopening it and sending the blob again can succeed.
        RegistryException { Code: ErrorCodes.Registries.OciBlobReadInterrupted } => !cancellationToken.IsCancellationRequested,
        RegistryException { InnerException: HttpRequestException answered } => TransientFaults.IsTransient(answered, cancellationToken),
        RegistryException => false,
        _ => TransientFaults.IsTransient(e, cancellationToken),
    };

    /// <summary>Mounts a blob from another repository of this registry; false when the registry would not (its upload session is cancelled).</summary>
    public async Task<bool> TryMountBlobAsync(string repository, ContentDigest digest, string fromRepository, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post,
            Url($"v2/{repository}/blobs/uploads/?mount={Uri.EscapeDataString(digest.ToString())}&from={Uri.EscapeDataString(fromRepository)}")), repository, push: true, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            return true;
        }
        await EnsureSuccessAsync(response, repository, $"mounting blob {digest}", cancellationToken);
        if (response.Headers.Location is { } session)
        {
            await CancelUploadAsync(repository, new Uri(response.RequestMessage!.RequestUri!, session), cancellationToken);
        }
        return false;
    }

    /// <summary>The manifest a tag or digest names, with its exact bytes; null when there is none. Read by digest, its bytes are checked against it.</summary>
    public async Task<OciManifest?> GetManifestAsync(string repository, string tagOrDigest, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => ManifestRequest(HttpMethod.Get, repository, tagOrDigest), repository, push: false, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        await EnsureSuccessAsync(response, repository, $"reading manifest {tagOrDigest}", cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var manifest = new OciManifest(response.Content.Headers.ContentType?.MediaType ?? MediaTypeOf(bytes), bytes);
        if (ContentDigest.TryParse(tagOrDigest, out var asked) && manifest.Digest != asked)
        {
            throw new RegistryException(ErrorCodes.Registries.OciDigestMismatch,
                $"{Host}/{repository}@{asked} answered a manifest whose sha256 is {manifest.Digest}: the registry, or a proxy in between, altered it.");
        }
        return manifest;
    }

    /// <summary>The digest of the manifest a tag names (HEAD), or null when there is none.</summary>
    public async Task<ContentDigest?> GetManifestDigestAsync(string repository, string tagOrDigest, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => ManifestRequest(HttpMethod.Head, repository, tagOrDigest), repository, push: false, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        await EnsureSuccessAsync(response, repository, $"checking manifest {tagOrDigest}", cancellationToken);
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var values) && ContentDigest.TryParse(values.First(), out var digest))
        {
            return digest;
        }
        return (await GetManifestAsync(repository, tagOrDigest, cancellationToken))?.Digest;
    }

    /// <summary>Stores the manifest's exact bytes under a tag or its digest; returns the digest the registry reported, checked against the bytes.</summary>
    public async Task<ContentDigest> PutManifestAsync(string repository, string tagOrDigest, OciManifest manifest, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await SendAsync(() =>
            {
                var content = new ByteArrayContent(manifest.Bytes.ToArray());
                content.Headers.ContentType = new MediaTypeHeaderValue(manifest.MediaType);
                return new HttpRequestMessage(HttpMethod.Put, Url($"v2/{repository}/manifests/{tagOrDigest}")) { Content = content };
            }, repository, push: true, cancellationToken);
            // The registry checks that every blob the manifest names is in the repository. Another writer linking the same
            // blob there at that moment (the distribution registry rewrites the link file in place) makes a blob that is
            // there look unknown for an instant: a concurrent publish of the same components. Ask again before believing it.
            if (attempt < ManifestBlobCheckTries && response.StatusCode == HttpStatusCode.BadRequest)
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                if ((await ErrorsAsync(response, cancellationToken)).Contains("MANIFEST_BLOB_UNKNOWN", StringComparison.Ordinal))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100 << attempt), cancellationToken);
                    continue;
                }
            }
            await EnsureSuccessAsync(response, repository, $"storing manifest {tagOrDigest}", cancellationToken);
            return await ReportedManifestDigestAsync(response, repository, tagOrDigest, manifest, cancellationToken);
        }
    }

    /// <summary>How often a manifest whose blobs the registry says it lacks is stored before that answer stands.</summary>
    private const int ManifestBlobCheckTries = 4;

    private async Task<ContentDigest> ReportedManifestDigestAsync(HttpResponseMessage response, string repository, string tagOrDigest, OciManifest manifest,
        CancellationToken cancellationToken)
    {
        var reported = response.Headers.TryGetValues("Docker-Content-Digest", out var values) && ContentDigest.TryParse(values.First(), out var digest)
            ? digest
            : await GetManifestDigestAsync(repository, manifest.Digest.ToString(), cancellationToken) ?? manifest.Digest;
        if (reported != manifest.Digest)
        {
            throw new RegistryException(ErrorCodes.Registries.OciDigestMismatch,
                $"{Host}/{repository} stored manifest {tagOrDigest} as {reported}, but the bytes sent hash to {manifest.Digest}: the registry, or a proxy in between, altered them.");
        }
        return reported;
    }

    public async Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Url($"v2/{repository}/tags/list")), repository, push: false, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }
        await EnsureSuccessAsync(response, repository, "listing tags", cancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        return json.RootElement.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? [.. tags.EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal)]
            : [];
    }

    private async Task UploadAsync(string repository, ContentDigest digest, long size, Func<CancellationToken, Task<Stream>> open, IProgress<long>? progress,
        bool inChunks, CancellationToken cancellationToken)
    {
        Uri session;
        using (var started = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Url($"v2/{repository}/blobs/uploads/")) { Content = new ByteArrayContent([]) },
            repository, push: true, cancellationToken))
        {
            await EnsureSuccessAsync(started, repository, $"starting the upload of {digest}", cancellationToken);
            session = NextLocation(started);
        }
        try
        {
            await using var file = await open(cancellationToken);
            if (inChunks)
            {
                long offset = 0;
                while (offset < size)
                {
                    var length = Math.Min(ChunkSize, size - offset);
                    var chunk = new HttpRequestMessage(HttpMethod.Patch, session) { Content = new StreamContent(new BoundedStream(file, length, progress, offset), BlobBufferSize) };
                    chunk.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                    chunk.Content.Headers.ContentLength = length;
                    // By hand: .NET's ContentRangeHeaderValue writes "bytes a-b/*", which registries refuse.
                    chunk.Content.Headers.TryAddWithoutValidation("Content-Range", $"{offset}-{offset + length - 1}");
                    using var answered = await SendOnceAsync(chunk, repository, cancellationToken);
                    await EnsureSuccessAsync(answered, repository, $"uploading {digest}", cancellationToken);
                    session = NextLocation(answered);
                    offset += length;
                }
                using var closed = await SendOnceAsync(new HttpRequestMessage(HttpMethod.Put, WithDigest(session, digest)) { Content = new ByteArrayContent([]) }, repository, cancellationToken);
                await EnsureSuccessAsync(closed, repository, $"completing the upload of {digest}", cancellationToken);
            }
            else
            {
                var put = new HttpRequestMessage(HttpMethod.Put, WithDigest(session, digest)) { Content = new StreamContent(new BoundedStream(file, size, progress, 0), BlobBufferSize) };
                put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                put.Content.Headers.ContentLength = size;
                using var answered = await SendOnceAsync(put, repository, cancellationToken);
                await EnsureSuccessAsync(answered, repository, $"uploading {digest}", cancellationToken);
            }
        }
        catch
        {
            await CancelUploadAsync(repository, session, CancellationToken.None);
            throw;
        }
    }

    private async Task CancelUploadAsync(string repository, Uri session, CancellationToken cancellationToken)
    {
        try
        {
            using var _ = await SendOnceAsync(new HttpRequestMessage(HttpMethod.Delete, session), repository, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or RegistryException)
        {
            // The spec: clients SHOULD ignore failures of a cancel; the registry expires the session.
        }
    }

    /// <summary>Sends a request built by <paramref name="create"/>, answering one 401 with the authorization the registry asks for.</summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, string repository, bool push, CancellationToken cancellationToken)
    {
        var scope = $"repository:{repository}:{(push ? "pull,push" : "pull")}";
        var request = create();
        var response = await SendOnceAsync(request, repository, cancellationToken, scope);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }
        var challenge = OciChallenge.From(response);
        response.Dispose();
        await AuthorizeAsync(challenge, scope, repository, cancellationToken);
        return await SendOnceAsync(create(), repository, cancellationToken, scope);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, string repository, CancellationToken cancellationToken, string? scope = null)
    {
        scope ??= $"repository:{repository}:pull,push";
        // Authorization only to the registry's own host: a Location may point elsewhere (e.g. a storage redirect).
        if (request.RequestUri!.Authority == BaseUri.Authority && (authorizations.TryGetValue(scope, out var authorization) || authorizations.TryGetValue("*", out authorization)))
        {
            request.Headers.Authorization = authorization;
        }
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.SecureConnectionError)
        {
            throw new RegistryException(ErrorCodes.Registries.OciUnreachable,
                $"The image registry {Host} answered over TLS with a certificate this machine does not trust ({e.InnerException?.Message ?? e.Message}). " +
                "Install the CA that issued it in the machine's trust store (on Linux also SSL_CERT_FILE or SSL_CERT_DIR), or check that registries.images names the right host.", e);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError)
        {
            throw new RegistryException(ErrorCodes.Registries.OciUnreachable,
                $"The image registry {Host} did not answer ({e.HttpRequestError}: {e.Message}). Check registries.images in the environments file (an http:// prefix for a plain-HTTP registry), the network and the registry.", e);
        }
    }

    private async Task AuthorizeAsync(OciChallenge? challenge, string scope, string repository, CancellationToken cancellationToken)
    {
        var found = await CredentialAsync(cancellationToken);
        if (found?.BearerToken is { } accessToken)
        {
            authorizations["*"] = new AuthenticationHeaderValue("Bearer", accessToken);
            if (challenge is null || !challenge.IsBearer || challenge.Realm is null)
            {
                return;
            }
        }
        if (challenge is null || !challenge.IsBearer)
        {
            if (found?.UserName is null || found.Password is null)
            {
                throw Unauthorized(repository, found);
            }
            authorizations["*"] = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{found.UserName}:{found.Password}")));
            return;
        }
        authorizations[scope] = new AuthenticationHeaderValue("Bearer", await TokenAsync(challenge, scope, found, repository, cancellationToken));
    }

    /// <summary>A token from the challenge's realm for the scope, asked with the credential (Basic, or an identity token) or anonymously.</summary>
    private async Task<string> TokenAsync(OciChallenge challenge, string scope, RegistryCredential? found, string repository, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm) || !(realm.Scheme == Uri.UriSchemeHttps || (realm.Scheme == Uri.UriSchemeHttp && realm.Host == BaseUri.Host)))
        {
            throw new RegistryException(ErrorCodes.Registries.OciUnauthorized,
                $"The image registry {Host} asks for a token from '{challenge.Realm}', which is neither https nor on the registry's own host: credentials are not sent there. Check the registry's token configuration.");
        }
        HttpRequestMessage request;
        if (found?.IdentityToken is { } refresh)
        {
            request = new HttpRequestMessage(HttpMethod.Post, realm)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "refresh_token", ["refresh_token"] = refresh, ["service"] = challenge.Service ?? Host,
                    ["scope"] = scope, ["client_id"] = RegistryHttpClient.UserAgent,
                }),
            };
        }
        else
        {
            var query = $"?service={Uri.EscapeDataString(challenge.Service ?? Host)}&scope={Uri.EscapeDataString(scope)}";
            request = new HttpRequestMessage(HttpMethod.Get, new Uri(realm, realm.AbsolutePath + query));
            if (found?.UserName is { } user && found.Password is { } password)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
            }
        }
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw Unauthorized(repository, found);
        }
        await EnsureSuccessAsync(response, repository, "getting a token", cancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        var token = json.RootElement.TryGetProperty("token", out var t) ? t.GetString()
            : json.RootElement.TryGetProperty("access_token", out var a) ? a.GetString() : null;
        return token ?? throw new RegistryException(ErrorCodes.Registries.OciRequestFailed, $"The token endpoint of {Host} answered without a token.");
    }

    // Requests run concurrently (a publish inspects every image at once): they share one lookup.
    private Task<RegistryCredential?> CredentialAsync(CancellationToken cancellationToken) =>
        LazyInitializer.EnsureInitialized(ref credentialLookup,
            () => credentials?.GetAsync(Host, cancellationToken) ?? Task.FromResult<RegistryCredential?>(null));

    private RegistryException Unauthorized(string repository, RegistryCredential? found) =>
        new(ErrorCodes.Registries.OciUnauthorized, found is null
            ? $"The image registry {Host} wants credentials for {repository} and none were found for {Host}. Log in (docker login {Host}; for Artifact Registry gcloud auth configure-docker {Host}), or add it to the auths of ~/.docker/config.json (DOCKER_CONFIG)."
            : $"The image registry {Host} refused the {found} for {repository}. Check that user and password (or token) in ~/.docker/config.json (DOCKER_CONFIG), or log in again: docker login {Host}.");

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string repository, string doing, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var errors = await ErrorsAsync(response, cancellationToken);
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => Unauthorized(repository, credentialLookup is { IsCompletedSuccessfully: true } lookup ? lookup.Result : null),
            HttpStatusCode.Forbidden => new RegistryException(ErrorCodes.Registries.OciDenied,
                $"The image registry {Host} denied {doing} in {repository}{errors}. Grant the publishing identity push access to the repository (Artifact Registry: roles/artifactregistry.writer)."),
            _ => new RegistryException(ErrorCodes.Registries.OciRequestFailed,
                $"The image registry {Host} answered {(int)response.StatusCode} {response.ReasonPhrase} to {doing} in {repository}{errors}" +
                (TransientFaults.IsTransient(response.StatusCode) ? " after retries; try again later." : ". Act on the registry's message (e.g. create the repository, fix its path)."),
                new HttpRequestException(null, null, response.StatusCode)),
        };
    }

    /// <summary>The registry's OCI error codes and messages (<c>{"errors":[{"code","message"}]}</c>), for a message.</summary>
    private static async Task<string> ErrorsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            using var json = JsonDocument.Parse(text);
            var errors = json.RootElement.GetProperty("errors").EnumerateArray()
                .Select(e => $"{e.GetProperty("code").GetString()}: {(e.TryGetProperty("message", out var m) ? m.GetString() : "")}").ToList();
            return errors.Count == 0 ? "" : $" ({string.Join("; ", errors)})";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "";
        }
    }

    private HttpRequestMessage ManifestRequest(HttpMethod method, string repository, string tagOrDigest)
    {
        var request = new HttpRequestMessage(method, Url($"v2/{repository}/manifests/{tagOrDigest}"));
        foreach (var type in OciManifest.AcceptedMediaTypes)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }
        return request;
    }

    private static string MediaTypeOf(byte[] manifest)
    {
        using var json = JsonDocument.Parse(manifest);
        return json.RootElement.TryGetProperty("mediaType", out var type) ? type.GetString() ?? OciManifest.ImageManifest : OciManifest.ImageManifest;
    }

    private Uri Url(string relative) => new(BaseUri, relative);

    private static Uri NextLocation(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? new Uri(response.RequestMessage!.RequestUri!, location)
        : throw new RegistryException(ErrorCodes.Registries.OciRequestFailed, $"The image registry answered {(int)response.StatusCode} without the Location of the upload session.");

    private static Uri WithDigest(Uri session, ContentDigest digest) =>
        new(session + (session.Query.Length > 0 ? "&" : "?") + "digest=" + Uri.EscapeDataString(digest.ToString()));

    public void Dispose() => http.Dispose();
}
