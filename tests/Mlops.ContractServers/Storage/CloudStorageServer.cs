using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Mlops.ContractServers.Storage;

/// <summary>
/// The Cloud Storage JSON API subset that reading a run's artifacts uses, as Google.Cloud.Storage.V1 calls it:
/// <list type="bullet">
/// <item><c>GET /storage/v1/b/B/o/OBJECT</c> (the name URL-encoded in one segment): the object resource, with
/// <c>size</c>, <c>generation</c> and <c>metageneration</c> as strings, <c>md5Hash</c> and <c>crc32c</c> in base64
/// (crc32c big-endian); <c>?generation=</c> pins one generation (else 404), <c>ifGenerationMatch</c> gives 412;</item>
/// <item>the same with <c>?alt=media</c> (and <c>/download/storage/v1/…</c>, the mediaLink form): the bytes, a
/// <c>Range: bytes=A-[B]</c> answered 206 with <c>Content-Range: bytes A-B/SIZE</c> (416 past the end), with
/// <c>x-goog-hash</c>, <c>x-goog-generation</c> and <c>x-goog-stored-content-length</c>;</item>
/// <item><c>GET /storage/v1/b/B/o?prefix=&amp;delimiter=&amp;maxResults=&amp;pageToken=</c>: <c>items</c>,
/// <c>prefixes</c>, <c>nextPageToken</c>.</item>
/// </list>
/// Objects are the files under <c>STORAGE/gcs/B/OBJECT</c> (what the Vertex stand-in writes, or a test with
/// <see cref="Put"/>). Auth: a Bearer token among <paramref name="acceptedTokens"/> (open when none); errors in the
/// JSON API's shape (<c>{"error":{"code","message","errors":[{"reason"}]}}</c>).
/// </summary>
public sealed class CloudStorageServer(string storage, IReadOnlyCollection<string>? acceptedTokens = null) : ContractServer
{
    public const int DefaultMaxResults = 1000;

    private readonly IReadOnlyCollection<string> tokens = acceptedTokens ?? [];
    private readonly ConcurrentDictionary<(string Bucket, string Name), string> reportedCrc32c = new();
    private readonly ConcurrentDictionary<string, string> deniedBuckets = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<long> cuts = new();
    private readonly ConcurrentQueue<string?> mediaRanges = new();

    public string Storage { get; } = Path.GetFullPath(storage);

    /// <summary>Where bucket B's objects are files: <c>STORAGE/gcs/B/…</c>.</summary>
    public string Root => Path.Combine(Storage, "gcs");

    /// <summary>What StorageClientBuilder.BaseUri takes: <c>http://127.0.0.1:PORT/storage/v1/</c>.</summary>
    public Uri ApiUri => new(BaseUri, "storage/v1/");

    /// <summary>The <c>Range</c> header of every media request, in order (null for a request without one).</summary>
    public IReadOnlyList<string?> MediaRanges => [.. mediaRanges];

    /// <summary>Stores <paramref name="content"/> as object <paramref name="name"/> of <paramref name="bucket"/>; returns its <c>gs://</c> URI.</summary>
    public string Put(string bucket, string name, byte[] content)
    {
        var file = FileOf(bucket, name) ?? throw new ArgumentException($"'{bucket}/{name}' is not a name this server stores.");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, content);
        return $"gs://{bucket}/{name}";
    }

    /// <summary>The object's metadata reports <paramref name="base64Crc32c"/> instead of its bytes' crc32c (a corrupted object).</summary>
    public void ReportCrc32c(string bucket, string name, string base64Crc32c) => reportedCrc32c[(bucket, name)] = base64Crc32c;

    /// <summary>Every object request of <paramref name="bucket"/> is refused 403, as for a principal without storage.objects.get on it.</summary>
    public void Deny(string bucket, string principal) => deniedBuckets[bucket] = principal;

    /// <summary>The next media download sends <paramref name="afterBytes"/> bytes of its body, then closes the connection.</summary>
    public void CutNextDownload(long afterBytes) => cuts.Enqueue(afterBytes);

    protected override void Map(WebApplication app)
    {
        Directory.CreateDirectory(Root);
        app.Run(DispatchAsync);
    }

    private async Task DispatchAsync(HttpContext context)
    {
        if (tokens.Count > 0 && !tokens.Contains(BearerOf(context.Request)))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"https://accounts.google.com/\"";
            await ErrorAsync(context, 401, "authError", "Invalid Credentials");
            return;
        }
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await ErrorAsync(context, 405, "methodNotAllowed", $"{context.Request.Method} is not served here: this stand-in reads objects only.");
            return;
        }
        // The raw target keeps an object name's %2F inside its segment.
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var path = target.Split('?', 2)[0];
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var query = context.Request.Query;
        switch (segments)
        {
            case ["storage", "v1", "b", var bucket, "o"]:
                await ListAsync(context, bucket);
                break;
            case ["storage", "v1", "b", var bucket, "o", var name]:
                await ObjectAsync(context, bucket, name, media: query["alt"] == "media");
                break;
            case ["download", "storage", "v1", "b", var bucket, "o", var name]:
                await ObjectAsync(context, bucket, name, media: true);
                break;
            default:
                await ErrorAsync(context, 404, "notFound", $"Not Found: {path}");
                break;
        }
    }

    private async Task ObjectAsync(HttpContext context, string bucket, string name, bool media)
    {
        if (deniedBuckets.TryGetValue(bucket, out var principal))
        {
            await ErrorAsync(context, 403, "forbidden",
                $"{principal} does not have storage.objects.get access to the Google Cloud Storage object. Permission 'storage.objects.get' denied on resource (or it may not exist).");
            return;
        }
        var stored = Find(bucket, name);
        var query = context.Request.Query;
        if (stored is null || (long.TryParse(query["generation"], out var generation) && generation != stored.Generation))
        {
            await ErrorAsync(context, 404, "notFound", $"No such object: {bucket}/{name}");
            return;
        }
        if (long.TryParse(query["ifGenerationMatch"], out var match) && match != stored.Generation)
        {
            await ErrorAsync(context, 412, "conditionNotMet", "At least one of the pre-conditions you specified did not hold.");
            return;
        }
        if (!media)
        {
            await context.Response.WriteAsJsonAsync(stored.ToJson(BaseUri), context.RequestAborted);
            return;
        }
        await MediaAsync(context, stored);
    }

    private async Task MediaAsync(HttpContext context, StoredObject stored)
    {
        var range = context.Request.Headers.Range.Count == 0 ? null : context.Request.Headers.Range.ToString();
        mediaRanges.Enqueue(range);
        var response = context.Response;
        response.Headers["x-goog-generation"] = stored.Generation.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-goog-metageneration"] = "1";
        response.Headers["x-goog-stored-content-length"] = stored.Size.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-goog-hash"] = $"crc32c={stored.Crc32c},md5={stored.Md5Hash}";
        response.Headers.ETag = stored.ETag;
        response.ContentType = "application/octet-stream";
        long start = 0, end = stored.Size - 1;
        if (range is not null)
        {
            if (!TryParseRange(range, stored.Size, out start, out end))
            {
                response.Headers.ContentRange = $"bytes */{stored.Size}";
                await ErrorAsync(context, 416, "requestedRangeNotSatisfiable", "The requested range cannot be satisfied.");
                return;
            }
            response.StatusCode = 206;
            response.Headers.ContentRange = $"bytes {start}-{end}/{stored.Size}";
        }
        var length = end - start + 1;
        response.ContentLength = length;
        var cut = cuts.TryDequeue(out var afterBytes) ? Math.Min(afterBytes, length) : (long?)null;
        await using var file = File.OpenRead(stored.File);
        file.Seek(start, SeekOrigin.Begin);
        var buffer = new byte[16 * 1024];
        long sent = 0;
        while (sent < (cut ?? length))
        {
            var n = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, (cut ?? length) - sent)), context.RequestAborted);
            if (n == 0) break;
            await response.Body.WriteAsync(buffer.AsMemory(0, n), context.RequestAborted);
            sent += n;
        }
        if (cut is not null)
        {
            // Returning short of the Content-Length makes Kestrel close the connection: the client reads the bytes
            // sent, then "the response ended prematurely". (An abort would reset it, and the peer could lose them.)
            await response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private async Task ListAsync(HttpContext context, string bucket)
    {
        if (deniedBuckets.TryGetValue(bucket, out var principal))
        {
            await ErrorAsync(context, 403, "forbidden", $"{principal} does not have storage.objects.list access to the Google Cloud Storage bucket.");
            return;
        }
        var folder = FileOf(bucket, "");
        if (folder is null || !Directory.Exists(folder))
        {
            await ErrorAsync(context, 404, "notFound", "The specified bucket does not exist.");
            return;
        }
        var query = context.Request.Query;
        var prefix = query["prefix"].ToString();
        var delimiter = query["delimiter"].ToString();
        var pageSize = int.TryParse(query["maxResults"], out var size) && size is > 0 and <= DefaultMaxResults ? size : DefaultMaxResults;
        var after = query["pageToken"].Count == 0 ? "" : Encoding.UTF8.GetString(Convert.FromBase64String(query["pageToken"].ToString()));
        var names = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var items = new JsonArray();
        var prefixes = new SortedSet<string>(StringComparer.Ordinal);
        string? last = null;
        foreach (var name in names.Where(n => string.CompareOrdinal(n, after) > 0))
        {
            if (items.Count + prefixes.Count == pageSize)
            {
                break;
            }
            var rest = name[prefix.Length..];
            if (delimiter.Length > 0 && rest.IndexOf(delimiter, StringComparison.Ordinal) is var at and >= 0)
            {
                prefixes.Add(prefix + rest[..(at + delimiter.Length)]);
            }
            else
            {
                items.Add(Find(bucket, name)!.ToJson(BaseUri));
            }
            last = name;
        }
        var body = new JsonObject { ["kind"] = "storage#objects" };
        if (prefixes.Count > 0)
        {
            body["prefixes"] = new JsonArray([.. prefixes.Select(p => JsonValue.Create(p))]);
        }
        if (items.Count > 0)
        {
            body["items"] = items;
        }
        if (last is not null && names.Any(n => string.CompareOrdinal(n, last) > 0))
        {
            body["nextPageToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(last));
        }
        await context.Response.WriteAsJsonAsync(body, context.RequestAborted);
    }

    private StoredObject? Find(string bucket, string name) =>
        FileOf(bucket, name) is { } file && name.Length > 0 && File.Exists(file)
            ? StoredObject.Read(bucket, name, file, reportedCrc32c.GetValueOrDefault((bucket, name)))
            : null;

    /// <summary>The file of an object, or null for a name that would leave the bucket's folder.</summary>
    private string? FileOf(string bucket, string name)
    {
        if (bucket.Length == 0 || bucket.Contains('/') || bucket.StartsWith('.') || name.Split('/').Any(s => s is "." or ".."))
        {
            return null;
        }
        var bucketFolder = Path.Combine(Root, bucket);
        var file = Path.GetFullPath(Path.Combine(bucketFolder, name));
        return file.StartsWith(bucketFolder, StringComparison.Ordinal) ? file : null;
    }

    private static bool TryParseRange(string header, long size, out long start, out long end)
    {
        start = 0;
        end = size - 1;
        if (!header.StartsWith("bytes=", StringComparison.Ordinal) || header.Contains(','))
        {
            return true; // An unparsable or multi-range header is ignored, as HTTP allows: the whole object is sent.
        }
        var parts = header["bytes=".Length..].Split('-', 2);
        if (parts[0].Length == 0)
        {
            // A suffix range: the last N bytes.
            start = long.TryParse(parts[1], out var suffix) ? Math.Max(0, size - suffix) : 0;
            return size > 0;
        }
        if (!long.TryParse(parts[0], CultureInfo.InvariantCulture, out start))
        {
            start = 0;
            return true;
        }
        if (long.TryParse(parts[1], CultureInfo.InvariantCulture, out var last))
        {
            end = Math.Min(end, last);
        }
        return start < size && start <= end;
    }

    private static string BearerOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : "";
    }

    private static Task ErrorAsync(HttpContext context, int status, string reason, string message)
    {
        context.Response.StatusCode = status;
        var error = new JsonObject { ["message"] = message, ["domain"] = "global", ["reason"] = reason };
        return context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = status, ["message"] = message, ["errors"] = new JsonArray(error) },
        }, context.RequestAborted);
    }
}
