using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Mlops.ContractServers;
using Mlops.ContractServers.Storage;
using Mlops.Testing;

namespace Mlops.Backends.Tests.Storage;

/// <summary>The "gcs" stand-in as the program form starts it: files under STORAGE/gcs/B/O, the JSON API's shapes, its token.</summary>
public sealed class CloudStorageServerContractTests : IAsyncLifetime
{
    private const string Token = "ya29.program-form-token";
    private readonly TempFolder storage = new("mlops-gcs-program-");
    private CloudStorageServer server = null!;
    private readonly HttpClient http = new();

    public async Task InitializeAsync()
    {
        Assert.True(Servers.TryCreate("gcs", Options.Parse(["--storage", storage.Path, "--token", Token]), out var created));
        server = Assert.IsType<CloudStorageServer>(created);
        await server.StartAsync();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
        storage.Dispose();
    }

    private string Write(string bucket, string name, string content)
    {
        var file = Path.Combine(storage.Path, "gcs", bucket, name);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return file;
    }

    [Fact]
    public async Task A_file_written_under_gcs_bucket_is_an_object_with_gcs_checksums()
    {
        Write("runs", "root/job/model.txt", "The quick brown fox jumps over the lazy dog");

        var metadata = JsonNode.Parse(await http.GetStringAsync(new Uri(server.ApiUri, "b/runs/o/root%2Fjob%2Fmodel.txt")))!;

        Assert.Equal("storage#object", metadata["kind"]!.GetValue<string>());
        Assert.Equal("43", metadata["size"]!.GetValue<string>());
        // Known values of this sentence: CRC-32C 0x22620404, MD5 9e107d9d372bb6826bd81d3542a419d6.
        Assert.Equal(Convert.ToBase64String([0x22, 0x62, 0x04, 0x04]), metadata["crc32c"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String(Convert.FromHexString("9e107d9d372bb6826bd81d3542a419d6")), metadata["md5Hash"]!.GetValue<string>());
        Assert.True(long.Parse(metadata["generation"]!.GetValue<string>()) > 0);
    }

    [Fact]
    public async Task A_range_request_is_answered_206_with_its_content_range()
    {
        Write("runs", "model.bin", "0123456789");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.ApiUri, "b/runs/o/model.bin?alt=media"));
        request.Headers.Range = new RangeHeaderValue(4, null);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("bytes 4-9/10", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal("456789", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_listing_pages_with_prefix_and_page_token()
    {
        Write("runs", "root/a", "1");
        Write("runs", "root/b", "2");
        Write("runs", "other/c", "3");

        var first = JsonNode.Parse(await http.GetStringAsync(new Uri(server.ApiUri, "b/runs/o?prefix=root%2F&maxResults=1")))!;
        var token = first["nextPageToken"]!.GetValue<string>();
        var second = JsonNode.Parse(await http.GetStringAsync(new Uri(server.ApiUri, $"b/runs/o?prefix=root%2F&maxResults=1&pageToken={Uri.EscapeDataString(token)}")))!;

        Assert.Equal("root/a", first["items"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("root/b", second["items"]![0]!["name"]!.GetValue<string>());
        Assert.Null(second["nextPageToken"]);
    }

    [Fact]
    public async Task A_request_without_the_token_is_refused_401_in_the_json_api_shape()
    {
        Write("runs", "model.bin", "x");
        using var anonymous = new HttpClient();

        using var response = await anonymous.GetAsync(new Uri(server.ApiUri, "b/runs/o/model.bin"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal(401, error["code"]!.GetValue<int>());
        Assert.Equal("authError", error["errors"]![0]!["reason"]!.GetValue<string>());
    }
}
