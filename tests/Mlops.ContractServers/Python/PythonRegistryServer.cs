using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Mlops.ContractServers.Python;

/// <summary>
/// A Python repository as Artifact Registry's Python format serves one: twine's legacy upload API (a multipart
/// <c>POST</c> to the repository URL), the PEP 503 simple index under <c>simple/</c>, files under <c>files/</c>,
/// Basic authentication on everything (a user and password, and/or <c>oauth2accesstoken</c> with an accepted access
/// token), immutable files (a second upload answers AR's <c>400 requested entity already exists</c>). Files are kept
/// in <c>STORAGE/PROJECT/FILE</c>, so a restarted program serves what was uploaded before.
/// </summary>
public sealed partial class PythonRegistryServer(string storage, string? user, string? password, string pathPrefix = "/", string? acceptedAccessToken = null)
    : ContractServer
{
    public const string AlreadyExists = "requested entity already exists";

    private readonly SemaphoreSlim commit = new(1, 1);

    public string Storage { get; } = Path.GetFullPath(storage);

    /// <summary>The upload URL twine is given, e.g. <c>http://127.0.0.1:PORT/acme/models/</c>.</summary>
    public Uri RepositoryUrl => new(BaseUri, Prefix.TrimStart('/'));

    public Uri IndexUrl => new(RepositoryUrl, "simple/");

    private string Prefix => "/" + pathPrefix.Trim('/') + (pathPrefix.Trim('/').Length == 0 ? "" : "/");

    protected override void Map(WebApplication app)
    {
        Directory.CreateDirectory(Storage);
        app.Use(async (context, next) =>
        {
            if (!IsAuthorized(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"python\"";
                return;
            }
            await next(context);
        });
        app.MapPost(Prefix, UploadAsync);
        app.MapGet(Prefix + "simple/", () => Html(Pages.Root(Projects())));
        app.MapGet(Prefix + "simple/{project}/", (string project) =>
        {
            var files = Files(Normalize(project));
            return files.Count == 0 ? Results.NotFound() : Html(Pages.Project(Normalize(project), files, Prefix));
        });
        app.MapGet(Prefix + "files/{project}/{file}", (string project, string file) =>
        {
            var path = Path.Combine(Storage, Normalize(project), file);
            return IsSafeName(file) && File.Exists(path) ? Results.File(path, "application/octet-stream") : Results.NotFound();
        });
    }

    private async Task UploadAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await RefuseAsync(context, 400, "expected a multipart form");
            return;
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form[":action"] != "file_upload")
        {
            await RefuseAsync(context, 400, $"unsupported :action '{form[":action"]}'");
            return;
        }
        if (form["protocol_version"] != "1")
        {
            await RefuseAsync(context, 400, $"unsupported protocol_version '{form["protocol_version"]}'");
            return;
        }
        var content = form.Files["content"];
        if (content is null || !IsSafeName(content.FileName))
        {
            await RefuseAsync(context, 400, "no file in the 'content' field");
            return;
        }
        var match = WheelName().Match(content.FileName);
        if (!match.Success || form["filetype"] != "bdist_wheel")
        {
            await RefuseAsync(context, 400, $"'{content.FileName}' is not a wheel (filetype bdist_wheel)");
            return;
        }
        var project = Normalize(form["name"].ToString());
        if (project.Length == 0 || project != Normalize(match.Groups["dist"].Value) || form["version"] != match.Groups["version"].Value)
        {
            await RefuseAsync(context, 400, $"name '{form["name"]}' and version '{form["version"]}' do not match the file name '{content.FileName}'");
            return;
        }
        var folder = Path.Combine(Storage, project);
        var target = Path.Combine(folder, content.FileName);
        if (File.Exists(target))
        {
            await RefuseAsync(context, 400, AlreadyExists);
            return;
        }
        Directory.CreateDirectory(folder);
        var staged = Path.Combine(folder, $".{Guid.NewGuid():N}.partial");
        string sha256;
        await using (var stream = content.OpenReadStream())
        await using (var file = File.Create(staged))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            int n;
            while ((n = await stream.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                hash.AppendData(buffer, 0, n);
                await file.WriteAsync(buffer.AsMemory(0, n), context.RequestAborted);
            }
            sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        if (!string.Equals(form["sha256_digest"].ToString(), sha256, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(staged);
            await RefuseAsync(context, 400, $"sha256_digest '{form["sha256_digest"]}' does not match the uploaded bytes");
            return;
        }
        // The check and the commit are one step, as in a real repository: of two uploads of one file at once, one lands
        // and the other is told it already exists; the index never lists a file before its hash is written.
        await commit.WaitAsync(context.RequestAborted);
        try
        {
            if (File.Exists(target))
            {
                File.Delete(staged);
                await RefuseAsync(context, 400, AlreadyExists);
                return;
            }
            var hashFile = Path.Combine(folder, $".{content.FileName}.sha256");
            File.WriteAllText(hashFile + ".partial", sha256);
            File.Move(hashFile + ".partial", hashFile, overwrite: true);
            File.Move(staged, target);
        }
        finally
        {
            commit.Release();
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static async Task RefuseAsync(HttpContext context, int status, string reason)
    {
        context.Response.StatusCode = status;
        // twine shows the reason phrase; AR puts its message there and in the body.
        context.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = reason.Length < 100 && !reason.Contains('\n') ? reason : null;
        await context.Response.WriteAsync(reason);
    }

    private bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
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
        return (user is not null && name == user && secret == password)
            || (acceptedAccessToken is not null && name == "oauth2accesstoken" && secret == acceptedAccessToken);
    }

    private IEnumerable<string> Projects() =>
        Directory.EnumerateDirectories(Storage).Select(Path.GetFileName).OfType<string>()
            .Where(p => Files(p).Count > 0).Order(StringComparer.Ordinal);

    private List<(string FileName, string Sha256)> Files(string project)
    {
        var folder = Path.Combine(Storage, project);
        if (!IsSafeName(project) || !Directory.Exists(folder))
        {
            return [];
        }
        return Directory.EnumerateFiles(folder).Select(Path.GetFileName).OfType<string>()
            .Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal)
            .Select(n => (n, File.ReadAllText(Path.Combine(folder, $".{n}.sha256")).Trim())).ToList();
    }

    private static IResult Html(string page) => Results.Text(page, "text/html; charset=utf-8");

    private static bool IsSafeName(string name) => name.Length > 0 && name == Path.GetFileName(name) && name is not ("." or "..");

    private static string Normalize(string name) => SeparatorRuns().Replace(name, "-").ToLowerInvariant();

    [GeneratedRegex("[-_.]+")]
    private static partial Regex SeparatorRuns();

    [GeneratedRegex(@"^(?<dist>[A-Za-z0-9](?:[A-Za-z0-9._]*[A-Za-z0-9])?)-(?<version>[A-Za-z0-9_.!+]+)(?:-[0-9][A-Za-z0-9_.]*)?-[A-Za-z0-9_.]+-[A-Za-z0-9_.]+-[A-Za-z0-9_.]+\.whl$")]
    private static partial Regex WheelName();

    /// <summary>PEP 503 pages, written here rather than taken from the SDK so the client is checked against an independent server.</summary>
    private static class Pages
    {
        public static string Root(IEnumerable<string> projects) =>
            Page("Simple index", string.Concat(projects.Select(p => $"<a href=\"{Uri.EscapeDataString(p)}/\">{WebUtility.HtmlEncode(p)}</a><br/>\n")));

        public static string Project(string project, IEnumerable<(string FileName, string Sha256)> files, string prefix) =>
            Page($"Links for {WebUtility.HtmlEncode(project)}", string.Concat(files.Select(f =>
                $"<a href=\"{prefix}files/{Uri.EscapeDataString(project)}/{Uri.EscapeDataString(f.FileName)}#sha256={f.Sha256}\">{WebUtility.HtmlEncode(f.FileName)}</a><br/>\n")));

        private static string Page(string title, string links) =>
            $"<!DOCTYPE html>\n<html>\n<head><meta name=\"pypi:repository-version\" content=\"1.0\"><title>{title}</title></head>\n<body>\n{links}</body>\n</html>\n";
    }
}
