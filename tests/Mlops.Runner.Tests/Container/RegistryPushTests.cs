using System.Formats.Tar;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Docker.DotNet.Models;
using Xunit.Abstractions;

namespace Mlops.Runner.Tests.Containers;

/// <summary>
/// An image built and pushed through the Docker Engine API (podman's) to the loopback registry (Docker distribution),
/// checked with the registry's HTTP API and with skopeo, an independent client.
/// </summary>
public sealed class RegistryPushTests(ITestOutputHelper output)
{
    private const string Repository = "mlops-test/pushed";

    [Fact]
    public async Task An_image_built_through_the_engine_is_pushed_to_the_registry_with_an_empty_auth_config()
    {
        if (TestServices.Require(output) is not { } services) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var client = services.CreateDockerClient();
        using var registry = new HttpClient { BaseAddress = new Uri($"http://{services.Registry}/"), Timeout = TimeSpan.FromSeconds(30) };
        var tag = $"t{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
        var reference = $"{services.Registry}/{Repository}:{tag}";
        try
        {
            var build = new RecordingProgress();
            await using (var context = BuildContext(tag))
            {
                await client.Images.BuildImageFromDockerfileAsync(
                    new ImageBuildParameters { Tags = [reference], Dockerfile = "Dockerfile", Remove = true },
                    context, null, null, build, timeout.Token);
            }
            output.WriteLine(build.Transcript);
            Assert.Null(build.Error);
            var built = await client.Images.InspectImageAsync(reference, timeout.Token);

            var push = new RecordingProgress();
            await client.Images.PushImageAsync($"{services.Registry}/{Repository}", new ImagePushParameters { Tag = tag }, new AuthConfig(), push, timeout.Token);
            output.WriteLine(push.Transcript);
            Assert.Null(push.Error);

            Assert.Contains(tag, await TagsAsync(registry, timeout.Token));
            var digest = await ManifestDigestAsync(registry, tag, timeout.Token);
            var inspected = await SkopeoInspectAsync($"docker://{reference}");
            Assert.Equal(digest, inspected.GetProperty("Digest").GetString());
            Assert.Equal(built.RootFS.Layers.Count, inspected.GetProperty("Layers").GetArrayLength());
            Assert.Equal(tag, inspected.GetProperty("Labels").GetProperty("mlops.test.tag").GetString());

            // The registry runs with delete enabled: the pushed manifest can be removed again.
            using var deleted = await registry.DeleteAsync($"v2/{Repository}/manifests/{digest}", timeout.Token);
            Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
            Assert.DoesNotContain(tag, await TagsAsync(registry, timeout.Token));
        }
        finally
        {
            try
            {
                await client.Images.DeleteImageAsync(reference, new ImageDeleteParameters { Force = true }, CancellationToken.None);
            }
            catch (Docker.DotNet.DockerApiException)
            {
                // Never built.
            }
        }
    }

    /// <summary>A build context: the base image plus one file and a label, both naming <paramref name="tag"/>.</summary>
    private static MemoryStream BuildContext(string tag)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            Add(writer, "Dockerfile", $"FROM {TestServices.BaseImage}\nLABEL mlops.test.tag={tag}\nCOPY mark.txt /mark.txt\n");
            Add(writer, "mark.txt", $"pushed as {tag}\n");
        }
        tar.Position = 0;
        return tar;
    }

    private static void Add(TarWriter writer, string name, string text)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)),
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        };
        writer.WriteEntry(entry);
    }

    private static async Task<List<string>> TagsAsync(HttpClient registry, CancellationToken cancellationToken)
    {
        using var response = await registry.GetAsync($"v2/{Repository}/tags/list", cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("tags") is { ValueKind: JsonValueKind.Array } tags
            ? tags.EnumerateArray().Select(t => t.GetString() ?? "").ToList()
            : [];
    }

    /// <summary>The digest the registry stores the tag's manifest under (what a pull by digest uses).</summary>
    private static async Task<string> ManifestDigestAsync(HttpClient registry, string tag, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, $"v2/{Repository}/manifests/{tag}");
        foreach (var type in new[] { "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json" })
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }
        using var response = await registry.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }

    private async Task<JsonElement> SkopeoInspectAsync(string image)
    {
        var skopeo = await ChildProcess.RunAsync("skopeo", ["inspect", "--tls-verify=false", image], timeout: TimeSpan.FromMinutes(1));
        output.WriteLine($"{skopeo}\n{skopeo.AllOutput}");
        skopeo.EnsureSuccess();
        using var json = JsonDocument.Parse(skopeo.Output);
        return json.RootElement.Clone();
    }
}
