using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Mlops.ContractServers.Kfp;

/// <summary>
/// KFP-format repositories as Artifact Registry serves them, both forms from one store:
/// <list type="bullet">
/// <item>the upload host: <c>POST /P/R</c> (multipart file part <c>content</c>, optional <c>tags</c> field), answering
/// <c>PKG/sha256:HEX</c> with PKG the IR's <c>pipelineInfo.name</c>; <c>GET /P/R/PKG/{tag|sha256:HEX}</c>;</item>
/// <item>the REST API: <c>/v1/projects/P/locations/L/repositories/R/packages[/PKG[/versions[/V]|/tags[/T]]]</c>
/// (create tag <c>POST …/tags?tagId=T</c>, move <c>PATCH …/tags/T?updateMask=version</c>, lists with pageSize/pageToken);</item>
/// <item>the generic form: the same management under <c>/P/R/packages/…</c>.</item>
/// </list>
/// Auth: a Bearer token among <paramref name="acceptedTokens"/> (or Basic <c>oauth2accesstoken</c>:token), or Basic
/// <paramref name="user"/>:<paramref name="password"/>; open when neither is configured. Data is kept in
/// <c>STORAGE/P/R/PKG/versions/sha256-HEX.yaml</c> and <c>…/tags/T</c>, so a restarted program serves what it had.
/// </summary>
public sealed class KfpRegistryServer(string storage, string? user = null, string? password = null, IReadOnlyCollection<string>? acceptedTokens = null)
    : ContractServer
{
    public const int DefaultPageSize = 1000;

    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly IReadOnlyCollection<string> tokens = acceptedTokens ?? [];

    public string Storage { get; } = Path.GetFullPath(storage);

    /// <summary>The generic form's repository URL for <paramref name="project"/>/<paramref name="repository"/>.</summary>
    public Uri RepositoryUrl(string project, string repository) => new(BaseUri, $"{project}/{repository}");

    protected override void Map(WebApplication app)
    {
        Directory.CreateDirectory(Storage);
        app.Use(async (context, next) =>
        {
            if (!IsAuthorized(context.Request))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"kfp\"";
                await ErrorAsync(context, 401, "UNAUTHENTICATED", "The request does not have valid authentication credentials.");
                return;
            }
            await next(context);
        });
        app.Run(DispatchAsync);
    }

    private async Task DispatchAsync(HttpContext context)
    {
        var segments = context.Request.Path.Value!.Trim('/').Split('/');
        if (segments is ["v1", "projects", var p, "locations", var l, "repositories", var r, .. var rest])
        {
            await ManageAsync(context, new Repo(p, r, $"projects/{p}/locations/{l}/repositories/{r}/"), rest);
            return;
        }
        if (segments.Length < 2 || segments.Take(2).Any(s => !IsSafe(s)))
        {
            await ErrorAsync(context, 404, "NOT_FOUND", "No such repository.");
            return;
        }
        var repo = new Repo(segments[0], segments[1], "");
        switch (segments[2..])
        {
            case [] when HttpMethods.IsPost(context.Request.Method):
                await UploadAsync(context, repo);
                break;
            case ["packages", ..] management:
                await ManageAsync(context, repo, management);
                break;
            case [var package, var reference] when HttpMethods.IsGet(context.Request.Method):
                await DownloadAsync(context, repo, package, reference);
                break;
            default:
                await ErrorAsync(context, 404, "NOT_FOUND", "No such resource.");
                break;
        }
    }

    private async Task UploadAsync(HttpContext context, Repo repo)
    {
        if (!context.Request.HasFormContentType)
        {
            await ErrorAsync(context, 400, "INVALID_ARGUMENT", "Expected a multipart/form-data upload.");
            return;
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form.Files["content"] is not { } file)
        {
            await ErrorAsync(context, 400, "INVALID_ARGUMENT", "No file in the 'content' part.");
            return;
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, context.RequestAborted);
        var bytes = buffer.ToArray();
        if (PipelineInfoName.Read(bytes, out var why) is not { } package || !IsSafe(package))
        {
            await ErrorAsync(context, 400, "INVALID_ARGUMENT", $"The template cannot be read: {why}.");
            return;
        }
        var version = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        var tags = form["tags"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        await writeLock.WaitAsync(context.RequestAborted);
        try
        {
            var versionFile = VersionFile(repo, package, version);
            if (!File.Exists(versionFile))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(versionFile)!);
                var staging = Path.Combine(PackageFolder(repo, package), "staging");
                Directory.CreateDirectory(staging);
                var staged = Path.Combine(staging, $"{Path.GetFileName(versionFile)}.{Guid.NewGuid():N}");
                await File.WriteAllBytesAsync(staged, bytes, context.RequestAborted);
                File.Move(staged, versionFile, overwrite: false);
            }
            foreach (var tag in tags.Where(IsSafe))
            {
                await WriteTagAsync(repo, package, tag, version);
            }
        }
        finally
        {
            writeLock.Release();
        }
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync($"{package}/{version}", context.RequestAborted);
    }

    private async Task DownloadAsync(HttpContext context, Repo repo, string package, string reference)
    {
        var version = reference.StartsWith("sha256:", StringComparison.Ordinal) ? reference : ReadTag(repo, package, reference);
        var file = version is null || !IsSafe(package) ? null : VersionFile(repo, package, version);
        if (file is null || !File.Exists(file))
        {
            await ErrorAsync(context, 404, "NOT_FOUND", $"Package {package} has no version or tag {reference}.");
            return;
        }
        context.Response.ContentType = "application/octet-stream";
        await context.Response.Body.WriteAsync(await File.ReadAllBytesAsync(file, context.RequestAborted), context.RequestAborted);
    }

    private async Task ManageAsync(HttpContext context, Repo repo, string[] rest)
    {
        var method = context.Request.Method;
        if (!Directory.Exists(repo.Folder(Storage)) && !(rest is ["packages"] && HttpMethods.IsGet(method)))
        {
            await ErrorAsync(context, 404, "NOT_FOUND", $"Package not found in repository {repo.Project}/{repo.Repository}.");
            return;
        }
        switch (rest)
        {
            case ["packages"] when HttpMethods.IsGet(method):
                await PageAsync(context, "packages", Packages(repo).Select(p => PackageJson(repo, p)));
                return;
            case ["packages", var package, ..] when !IsSafe(package) || !Directory.Exists(PackageFolder(repo, package)):
                await ErrorAsync(context, 404, "NOT_FOUND", $"Package {package} not found.");
                return;
            case ["packages", var package] when HttpMethods.IsGet(method):
                await JsonAsync(context, 200, PackageJson(repo, package));
                return;
            case ["packages", var package, "versions"] when HttpMethods.IsGet(method):
                await PageAsync(context, "versions", Versions(repo, package).Select(v => VersionJson(repo, package, v)));
                return;
            case ["packages", var package, "versions", var version] when HttpMethods.IsGet(method):
                if (!Versions(repo, package).Contains(version))
                {
                    await ErrorAsync(context, 404, "NOT_FOUND", $"Version {version} not found.");
                    return;
                }
                await JsonAsync(context, 200, VersionJson(repo, package, version));
                return;
            case ["packages", var package, "tags"] when HttpMethods.IsGet(method):
                await PageAsync(context, "tags", Tags(repo, package).Select(t => TagJson(repo, package, t.Name, t.Version)));
                return;
            case ["packages", var package, "tags"] when HttpMethods.IsPost(method):
                await SetTagAsync(context, repo, package, context.Request.Query["tagId"].ToString(), create: true);
                return;
            case ["packages", var package, "tags", var tag] when HttpMethods.IsPatch(method):
                if (context.Request.Query["updateMask"] != "version")
                {
                    await ErrorAsync(context, 400, "INVALID_ARGUMENT", "updateMask must be 'version'.");
                    return;
                }
                await SetTagAsync(context, repo, package, tag, create: false);
                return;
            case ["packages", var package, "tags", var tag] when HttpMethods.IsGet(method):
                if (ReadTag(repo, package, tag) is not { } pointed)
                {
                    await ErrorAsync(context, 404, "NOT_FOUND", $"Tag {tag} not found.");
                    return;
                }
                await JsonAsync(context, 200, TagJson(repo, package, tag, pointed));
                return;
            case ["packages", var package, "tags", var tag] when HttpMethods.IsDelete(method):
                var tagFile = TagFile(repo, package, tag);
                if (!IsSafe(tag) || !File.Exists(tagFile))
                {
                    await ErrorAsync(context, 404, "NOT_FOUND", $"Tag {tag} not found.");
                    return;
                }
                File.Delete(tagFile);
                await JsonAsync(context, 200, new JsonObject());
                return;
            default:
                await ErrorAsync(context, 404, "NOT_FOUND", "No such resource.");
                return;
        }
    }

    private async Task SetTagAsync(HttpContext context, Repo repo, string package, string tag, bool create)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }
        var versionName = body?["version"]?.GetValue<string>() ?? "";
        var version = versionName[(versionName.LastIndexOf('/') + 1)..];
        if (!IsSafe(tag) || tag.StartsWith("sha256:", StringComparison.Ordinal) || !version.StartsWith("sha256:", StringComparison.Ordinal))
        {
            await ErrorAsync(context, 400, "INVALID_ARGUMENT", "A tag needs a tagId that is not a version and a body {\"version\": \".../versions/sha256:…\"}.");
            return;
        }
        await writeLock.WaitAsync(context.RequestAborted);
        try
        {
            if (!Versions(repo, package).Contains(version))
            {
                await ErrorAsync(context, 404, "NOT_FOUND", $"Version {version} not found.");
                return;
            }
            var exists = ReadTag(repo, package, tag) is not null;
            if (create && exists)
            {
                await ErrorAsync(context, 409, "ALREADY_EXISTS", $"Tag {tag} already exists.");
                return;
            }
            if (!create && !exists)
            {
                await ErrorAsync(context, 404, "NOT_FOUND", $"Tag {tag} not found.");
                return;
            }
            await WriteTagAsync(repo, package, tag, version);
        }
        finally
        {
            writeLock.Release();
        }
        await JsonAsync(context, 200, TagJson(repo, package, tag, version));
    }

    private static async Task PageAsync(HttpContext context, string field, IEnumerable<JsonObject> items)
    {
        var all = items.ToList();
        var size = int.TryParse(context.Request.Query["pageSize"], CultureInfo.InvariantCulture, out var s) && s > 0 ? s : DefaultPageSize;
        var start = context.Request.Query["pageToken"].ToString() is { Length: > 0 } token
            ? int.TryParse(token, CultureInfo.InvariantCulture, out var t) && t >= 0 ? t : -1
            : 0;
        if (start < 0)
        {
            await ErrorAsync(context, 400, "INVALID_ARGUMENT", "Invalid page token.");
            return;
        }
        var answer = new JsonObject { [field] = new JsonArray([.. all.Skip(start).Take(size)]) };
        if (start + size < all.Count)
        {
            answer["nextPageToken"] = (start + size).ToString(CultureInfo.InvariantCulture);
        }
        await JsonAsync(context, 200, answer);
    }

    private IEnumerable<string> Packages(Repo repo) =>
        Directory.Exists(repo.Folder(Storage))
            ? Directory.EnumerateDirectories(repo.Folder(Storage)).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)
            : [];

    private List<string> Versions(Repo repo, string package)
    {
        var folder = Path.Combine(PackageFolder(repo, package), "versions");
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "sha256-*.yaml").Select(f => "sha256:" + Path.GetFileNameWithoutExtension(f)["sha256-".Length..]).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    private List<(string Name, string Version)> Tags(Repo repo, string package)
    {
        var folder = Path.Combine(PackageFolder(repo, package), "tags");
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder).Select(f => (Path.GetFileName(f), File.ReadAllText(f).Trim())).OrderBy(t => t.Item1, StringComparer.Ordinal).ToList()
            : [];
    }

    private string? ReadTag(Repo repo, string package, string tag) =>
        IsSafe(package) && IsSafe(tag) && File.Exists(TagFile(repo, package, tag)) ? File.ReadAllText(TagFile(repo, package, tag)).Trim() : null;

    private async Task WriteTagAsync(Repo repo, string package, string tag, string version)
    {
        var file = TagFile(repo, package, tag);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        // Staged outside tags/, which listings read, under a name of its own: a tag moves in one rename, as Artifact
        // Registry's does, and a listing at that moment sees the old version or the new one, never a half-written file.
        var staging = Path.Combine(PackageFolder(repo, package), "staging");
        Directory.CreateDirectory(staging);
        var staged = Path.Combine(staging, $"{tag}.{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(staged, version + "\n");
        File.Move(staged, file, overwrite: true);
    }

    private string PackageFolder(Repo repo, string package) => Path.Combine(repo.Folder(Storage), package);

    private string VersionFile(Repo repo, string package, string version) =>
        Path.Combine(PackageFolder(repo, package), "versions", "sha256-" + version["sha256:".Length..] + ".yaml");

    private string TagFile(Repo repo, string package, string tag) => Path.Combine(PackageFolder(repo, package), "tags", tag);

    private static JsonObject PackageJson(Repo repo, string package) => new() { ["name"] = $"{repo.Prefix}packages/{package}" };

    private JsonObject VersionJson(Repo repo, string package, string version) => new()
    {
        ["name"] = $"{repo.Prefix}packages/{package}/versions/{version}",
        ["relatedTags"] = new JsonArray([.. Tags(repo, package).Where(t => t.Version == version).Select(t => TagJson(repo, package, t.Name, t.Version))]),
    };

    private static JsonObject TagJson(Repo repo, string package, string tag, string version) => new()
    {
        ["name"] = $"{repo.Prefix}packages/{package}/tags/{tag}",
        ["version"] = $"{repo.Prefix}packages/{package}/versions/{version}",
    };

    private static async Task JsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static Task ErrorAsync(HttpContext context, int status, string state, string message) =>
        JsonAsync(context, status, new JsonObject { ["error"] = new JsonObject { ["code"] = status, ["message"] = message, ["status"] = state } });

    private bool IsAuthorized(HttpRequest request)
    {
        if (user is null && tokens.Count == 0)
        {
            return true;
        }
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return tokens.Contains(header["Bearer ".Length..].Trim());
        }
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }
        var colon = decoded.IndexOf(':');
        if (colon < 0)
        {
            return false;
        }
        var (name, secret) = (decoded[..colon], decoded[(colon + 1)..]);
        return (user is not null && name == user && secret == password) || (name == "oauth2accesstoken" && tokens.Contains(secret));
    }

    private static bool IsSafe(string name) =>
        name.Length is > 0 and <= 128 && name != "." && name != ".." && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+' or ':');

    private sealed record Repo(string Project, string Repository, string Prefix)
    {
        public string Folder(string storage) => Path.Combine(storage, Project, Repository);
    }
}
