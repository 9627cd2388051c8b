using Mlops.Diagnostics;
using Mlops.Registries.Auth;
using Mlops.Registries.Http;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mlops.Registries.Kfp;

/// <summary>
/// Pipeline templates in a KFP-format repository: Artifact Registry's (<c>https://LOCATION-kfp.pkg.dev/PROJECT/REPO</c>)
/// or any host that serves the KFP client's generic form (see <see cref="KfpRepositoryEndpoints"/>).
/// A push checks the version tags first, uploads the IR without tags, checks the version the registry reports is the
/// sha256 of the bytes sent, then creates or moves each tag, so a refused push changes nothing.
/// </summary>
public sealed class KfpTemplateRegistry : IPipelineTemplateRegistry
{
    public const int PageSize = 100;

    private readonly HttpClient http;
    private readonly IRegistryCredentialProvider? credentials;

    /// <param name="http">From <see cref="Http.RegistryHttpClient.Create"/>: it retries transient faults.</param>
    /// <param name="apiOverride">Artifact Registry only: one server for its upload host and REST API (tests).</param>
    /// <param name="retries">How often a read whose answer broke off mid-body is asked again (the handler retries only what fails before the body).</param>
    public KfpTemplateRegistry(Uri repositoryUrl, HttpClient http, IRegistryCredentialProvider? credentials = null, Uri? apiOverride = null, RetrySettings? retries = null)
    {
        Endpoints = KfpRepositoryEndpoints.Parse(repositoryUrl, apiOverride);
        RepositoryUrl = repositoryUrl;
        this.http = http;
        this.credentials = credentials;
        this.retries = retries ?? RetrySettings.Default;
    }

    private readonly RetrySettings retries;

    public KfpRepositoryEndpoints Endpoints { get; }

    public Uri RepositoryUrl { get; }

    public string Location => RepositoryUrl.ToString();

    /// <summary>How many items a list call asks for per page.</summary>
    public int ListPageSize { get; init; } = PageSize;

    public async Task<ContentDigest> PushAsync(string package, ReadOnlyMemory<byte> ir, IReadOnlyCollection<string> tags, CancellationToken cancellationToken = default)
    {
        PipelineTemplateNames.ValidatePackage(package);
        var distinctTags = tags.Distinct(StringComparer.Ordinal).ToList();
        distinctTags.ForEach(PipelineTemplateNames.ValidateTag);
        var digest = ContentDigest.Compute(ir.Span);

        var existing = await TryListTagsAsync(package, cancellationToken).ConfigureAwait(false) ?? new Dictionary<string, ContentDigest>();
        foreach (var tag in distinctTags.Where(PipelineTemplateNames.IsVersionTag))
        {
            if (existing.TryGetValue(tag, out var current) && current != digest)
            {
                throw Immutable(package, tag, current, digest);
            }
        }

        // A version is named by its content: when a tag already names this digest, the registry holds these bytes.
        var reported = existing.ContainsValue(digest) ? digest : await UploadAsync(package, ir, digest, cancellationToken).ConfigureAwait(false);
        foreach (var tag in distinctTags)
        {
            existing.TryGetValue(tag, out var current);
            await PointTagAsync(package, tag, current, reported, cancellationToken).ConfigureAwait(false);
        }
        return reported;
    }

    public async Task<IReadOnlyList<PipelineTemplateTag>> ListTagsAsync(string package, CancellationToken cancellationToken = default)
    {
        PipelineTemplateNames.ValidatePackage(package);
        var tags = await TryListTagsAsync(package, cancellationToken).ConfigureAwait(false)
            ?? throw new RegistryException(ErrorCodes.Registries.NotFound,
                $"There is no pipeline '{package}' in {Location}: check the name, or publish the pipeline first (dotnet publish in its repository).");
        return tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new PipelineTemplateTag(t.Key, t.Value)).ToList();
    }

    public async Task<byte[]> GetAsync(string package, string tagOrDigest, CancellationToken cancellationToken = default)
    {
        PipelineTemplateNames.ValidatePackage(package);
        ContentDigest version;
        if (tagOrDigest.StartsWith(ContentDigest.Prefix, StringComparison.Ordinal))
        {
            if (!ContentDigest.TryParse(tagOrDigest, out version))
            {
                throw new RegistryException(ErrorCodes.Registries.InvalidTagOrDigest,
                    $"'{tagOrDigest}' is not a version: write 'sha256:' followed by the 64 hexadecimal digits of the digest, or give a tag.");
            }
        }
        else
        {
            PipelineTemplateNames.ValidateTag(tagOrDigest);
            using var tagResponse = await SendAsync(HttpMethod.Get, Endpoints.Tag(package, tagOrDigest), null, cancellationToken).ConfigureAwait(false);
            if (tagResponse.StatusCode == HttpStatusCode.NotFound)
            {
                throw new RegistryException(ErrorCodes.Registries.NotFound,
                    $"Pipeline '{package}' has no tag '{tagOrDigest}' in {Location}: check the package and tag (ListTags shows them), or publish it.");
            }
            await EnsureSuccessAsync(tagResponse, "read a tag of", cancellationToken).ConfigureAwait(false);
            version = TagVersion(await ReadJsonAsync(tagResponse, cancellationToken).ConfigureAwait(false), tagResponse);
        }

        using var response = await SendAsync(HttpMethod.Get, Endpoints.Download(package, version.ToString()), null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new RegistryException(ErrorCodes.Registries.NotFound,
                $"Pipeline '{package}' has no version {version} in {Location}: check the package and digest (e.g. in mlops.lock.json) or publish that version.");
        }
        await EnsureSuccessAsync(response, "download from", cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var actual = ContentDigest.Compute(bytes);
        if (actual != version)
        {
            throw new RegistryException(ErrorCodes.Registries.ContentDigestMismatch,
                $"{Endpoints.Download(package, version.ToString())} answered bytes with digest {actual}, not the version {version} asked for: " +
                "the registry or something between it and this machine changed them. Retry, and report it to the registry's owner if it persists.");
        }
        return bytes;
    }

    public async Task<IReadOnlyList<string>> ListPackagesAsync(CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        await foreach (var item in ListAsync(token => Endpoints.Packages(PageQuery(token)), "packages", notFound: null, cancellationToken).ConfigureAwait(false))
        {
            names.Add(LastSegment(Field(item, "name")));
        }
        return names.Order(StringComparer.Ordinal).ToList();
    }

    private async Task<ContentDigest> UploadAsync(string package, ReadOnlyMemory<byte> ir, ContentDigest digest, CancellationToken cancellationToken)
    {
        // Sent as buffered bytes (not a MultipartFormDataContent) so the retrying handler can send it again on a 429 or 5xx.
        using var form = new MultipartFormDataContent("mlops-" + digest.Hex[..16]);
        var file = new ByteArrayContent(ir.ToArray());
        form.Add(file, "content", package + ".yaml");
        var body = new ByteArrayContent(await form.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        body.Headers.ContentType = form.Headers.ContentType;

        using var response = await SendAsync(HttpMethod.Post, Endpoints.Repository, body, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw RepositoryMissing();
        }
        await EnsureSuccessAsync(response, "upload to", cancellationToken).ConfigureAwait(false);
        var answer = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
        var slash = answer.LastIndexOf('/');
        if (slash <= 0 || !ContentDigest.TryParse(answer[(slash + 1)..], out var reported))
        {
            throw new RegistryException(ErrorCodes.Registries.KfpUnexpectedAnswer,
                $"{Endpoints.Repository} answered an upload with '{Shorten(answer)}', not 'PACKAGE/sha256:…': check that the URL is a KFP-format repository.");
        }
        if (answer[..slash] != package)
        {
            throw new RegistryException(ErrorCodes.Registries.KfpUnexpectedAnswer,
                $"{Endpoints.Repository} stored the upload as package '{answer[..slash]}', not '{package}': the registry names the package after the IR's " +
                "pipelineInfo.name, so publish the pipeline under that name.");
        }
        if (reported != digest)
        {
            throw new RegistryException(ErrorCodes.Registries.ContentDigestMismatch,
                $"{Endpoints.Repository} reported version {reported} for an upload whose sha256 is {digest}: the bytes changed on the way. Publish again.");
        }
        return reported;
    }

    private async Task PointTagAsync(string package, string tag, ContentDigest? current, ContentDigest version, CancellationToken cancellationToken)
    {
        if (current == version)
        {
            return;
        }
        var body = JsonContent(new JsonObject { ["name"] = "", ["version"] = Endpoints.VersionName(package, version) });
        if (current is null)
        {
            using var created = await SendAsync(HttpMethod.Post, Endpoints.Tags(package, "?tagId=" + Uri.EscapeDataString(tag)), body, cancellationToken).ConfigureAwait(false);
            if (created.StatusCode != HttpStatusCode.Conflict)
            {
                await EnsureSuccessAsync(created, "create a tag in", cancellationToken).ConfigureAwait(false);
                return;
            }
            // Someone created it since we listed: read where it points and treat it as existing.
            using var read = await SendAsync(HttpMethod.Get, Endpoints.Tag(package, tag), null, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(read, "read a tag of", cancellationToken).ConfigureAwait(false);
            current = TagVersion(await ReadJsonAsync(read, cancellationToken).ConfigureAwait(false), read);
            if (current == version)
            {
                return;
            }
            body = JsonContent(new JsonObject { ["name"] = "", ["version"] = Endpoints.VersionName(package, version) });
        }
        if (PipelineTemplateNames.IsVersionTag(tag))
        {
            throw Immutable(package, tag, current, version);
        }
        using var moved = await SendAsync(HttpMethod.Patch, Endpoints.Tag(package, tag, "?updateMask=version"), body, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(moved, "move a tag in", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The package's tags, or null when the registry has no such package.</summary>
    private async Task<Dictionary<string, ContentDigest>?> TryListTagsAsync(string package, CancellationToken cancellationToken)
    {
        var tags = new Dictionary<string, ContentDigest>(StringComparer.Ordinal);
        var found = true;
        await foreach (var item in ListAsync(token => Endpoints.Tags(package, PageQuery(token)), "tags", () => found = false, cancellationToken).ConfigureAwait(false))
        {
            tags[LastSegment(Field(item, "name"))] = VersionOf(Field(item, "version"));
        }
        return found ? tags : null;
    }

    private async IAsyncEnumerable<JsonObject> ListAsync(Func<string?, Uri> page, string field, Action? notFound,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            using var response = await SendAsync(HttpMethod.Get, page(token), null, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                if (notFound is null)
                {
                    throw RepositoryMissing();
                }
                notFound();
                yield break;
            }
            await EnsureSuccessAsync(response, "list", cancellationToken).ConfigureAwait(false);
            var json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            foreach (var item in json[field] as JsonArray ?? [])
            {
                yield return item as JsonObject ?? throw Unreadable(response, $"an item of '{field}' is not an object");
            }
            token = json["nextPageToken"]?.GetValue<string>() is { Length: > 0 } next ? next : null;
        }
        while (token is not null);
    }

    private string PageQuery(string? token) =>
        $"?pageSize={ListPageSize}" + (token is null ? "" : "&pageToken=" + Uri.EscapeDataString(token));

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, HttpContent? content, CancellationToken cancellationToken)
    {
        // The answer is read whole here, after the handler's retries: a read that broke off mid-body is asked again
        // here. A write is not sent twice blindly; the caller reads the registry to see whether it landed.
        var attempts = method == HttpMethod.Get ? retries.MaxRetries + 1 : 1;
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, url) { Content = content };
            request.Headers.Authorization = await AuthorizationAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < attempts && TransientFaults.IsTransient(e, cancellationToken))
            {
                await Task.Delay(retries.DelayBefore(attempt - 1), cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new RegistryException(ErrorCodes.Registries.KfpRequestFailed,
                    $"{method} {url} failed after the retries ({e.Message}): check that {Location} is reachable, then publish again.", e);
            }
        }
    }

    private async Task<AuthenticationHeaderValue?> AuthorizationAsync(CancellationToken cancellationToken)
    {
        if (credentials is null || await credentials.GetAsync(Endpoints.CredentialHost, cancellationToken).ConfigureAwait(false) is not { } credential)
        {
            return null;
        }
        if (credential.BearerToken is { Length: > 0 } token)
        {
            return new AuthenticationHeaderValue("Bearer", token);
        }
        if (credential is { UserName: "oauth2accesstoken", Password: { Length: > 0 } accessToken })
        {
            return new AuthenticationHeaderValue("Bearer", accessToken);
        }
        if (credential is { UserName: { } user, Password: { } password })
        {
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        }
        return null;
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string action, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var url = response.RequestMessage?.RequestUri;
        var credentialSource = await CredentialSourceAsync(cancellationToken).ConfigureAwait(false);
        var permission = response.RequestMessage?.Method == HttpMethod.Get ? "artifactregistry.repositories.downloadArtifacts" : "artifactregistry.repositories.uploadArtifacts";
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new RegistryException(ErrorCodes.Registries.KfpUnauthorized,
                $"{Location} refused the credential ({credentialSource}) to {action} it ({response.RequestMessage?.Method} {url} answered 401): " +
                (Endpoints.IsArtifactRegistry
                    ? "log in again (gcloud auth application-default login) or use a service account key."
                    : $"configure a valid token or user and password for {Endpoints.CredentialHost}."),
                null),
            HttpStatusCode.Forbidden => new RegistryException(ErrorCodes.Registries.KfpForbidden,
                $"The identity of {credentialSource} may not {action} {Location} ({response.RequestMessage?.Method} {url} answered 403): grant it the permission {permission} on the repository.",
                null),
            _ => new RegistryException(ErrorCodes.Registries.KfpRequestFailed,
                $"{response.RequestMessage?.Method} {url} answered {(int)response.StatusCode} {response.ReasonPhrase} ({Shorten(await ReasonAsync(response, cancellationToken).ConfigureAwait(false))}): " +
                $"fix what the registry says, or publish again when {Location} is available.",
                null),
        };
    }

    private async Task<string> CredentialSourceAsync(CancellationToken cancellationToken) =>
        credentials is not null && await credentials.GetAsync(Endpoints.CredentialHost, cancellationToken).ConfigureAwait(false) is { } credential
            ? credential.ToString()
            : $"none: no credential was found for {Endpoints.CredentialHost}";

    private static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonNode.Parse(text)?["error"]?["message"]?.GetValue<string>() ?? text;
        }
        catch (JsonException)
        {
            return text;
        }
    }

    private RegistryException RepositoryMissing()
    {
        var create = Endpoints.IsArtifactRegistry
            ? $"create it with gcloud artifacts repositories create {Endpoints.ResourcePrefix.Split('/')[5]} --repository-format=kfp --location={Endpoints.ResourcePrefix.Split('/')[3]} --project={Endpoints.ResourcePrefix.Split('/')[1]}"
            : "create it on the registry";
        return new RegistryException(ErrorCodes.Registries.KfpRepositoryNotFound,
            $"There is no KFP repository at {Location}: check the URL, or {create}.");
    }

    private static ImmutableVersionException Immutable(string package, string tag, ContentDigest? current, ContentDigest digest) =>
        new(ErrorCodes.Registries.TemplateVersionImmutable, package, tag,
            $"Version {tag} of pipeline '{package}' is already published with other content ({current}; this build is {digest}) and a " +
            "published version is immutable: bump the project's Version and publish again.");

    private static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw Unreadable(response, "the answer is not a JSON object");
        }
        catch (JsonException)
        {
            throw Unreadable(response, "the answer is not JSON");
        }
    }

    private static ContentDigest TagVersion(JsonObject tag, HttpResponseMessage response) =>
        tag["version"]?.GetValue<string>() is { } version ? VersionOf(version) : throw Unreadable(response, "the tag has no 'version'");

    private static ContentDigest VersionOf(string versionName) =>
        ContentDigest.TryParse(LastSegment(versionName), out var digest)
            ? digest
            : throw new RegistryException(ErrorCodes.Registries.KfpUnexpectedAnswer,
                $"A tag points at '{versionName}', which does not end in a version 'sha256:…': check that the URL is a KFP-format repository.");

    private static string Field(JsonObject item, string name) =>
        item[name]?.GetValue<string>() ?? throw new RegistryException(ErrorCodes.Registries.KfpUnexpectedAnswer,
            $"A KFP registry listed an item without '{name}': check that the URL is a KFP-format repository.");

    private static RegistryException Unreadable(HttpResponseMessage response, string why) =>
        new(ErrorCodes.Registries.KfpUnexpectedAnswer,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {why}; check that the URL is a KFP-format repository.");

    private static StringContent JsonContent(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static string LastSegment(string name) => name[(name.LastIndexOf('/') + 1)..];

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
