using System.Formats.Tar;
using System.Reflection;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Mlops.Pipelines.Hosting;

/// <summary>
/// Builds the project's component images (components/NAME/Dockerfile) in a container engine through the Docker
/// Engine API, tagged as the IR refers to them. Without an engine there is nothing to build them in.
/// </summary>
internal sealed class ComponentImageBuilder(Uri endpoint) : IDisposable
{
    private readonly DockerClient client = new DockerClientConfiguration(endpoint).CreateClient();

    /// <summary>The engine at DOCKER_HOST, or at the default socket when it exists; null when there is none.</summary>
    public static ComponentImageBuilder? Detect()
    {
        if (Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host)
        {
            return new ComponentImageBuilder(new Uri(host));
        }
        return !OperatingSystem.IsWindows() && File.Exists("/var/run/docker.sock")
            ? new ComponentImageBuilder(new Uri("unix:///var/run/docker.sock"))
            : null;
    }

    public async Task<IReadOnlyList<string>> BuildAllAsync(Assembly assembly, ProjectLayout layout, CancellationToken cancellationToken)
    {
        var built = new List<string>();
        foreach (var image in assembly.GetCustomAttributes<ComponentImageAttribute>())
        {
            var folder = Path.Combine(layout.OutputFolder, "components", image.Name);
            if (!File.Exists(Path.Combine(folder, "Dockerfile")))
            {
                continue;
            }
            await BuildAsync(folder, image.Reference, cancellationToken);
            built.Add(image.Reference);
        }
        return built;
    }

    private async Task BuildAsync(string folder, string tag, CancellationToken cancellationToken)
    {
        using var context = new MemoryStream();
        await TarFile.CreateFromDirectoryAsync(folder, context, includeBaseDirectory: false, cancellationToken);
        context.Position = 0;
        var errors = new List<string>();
        try
        {
            await client.Images.BuildImageFromDockerfileAsync(
                new ImageBuildParameters { Tags = [tag], Dockerfile = "Dockerfile", Remove = true },
                context, authConfigs: null, headers: null,
                new Progress<JSONMessage>(m => { if (!string.IsNullOrEmpty(m.ErrorMessage)) errors.Add(m.ErrorMessage); }),
                cancellationToken);
        }
        catch (DockerApiException e)
        {
            errors.Add(e.ResponseBody);
        }
        catch (HttpRequestException e)
        {
            throw new HostException("MLOPS2031", $"The container engine at {client.Configuration.EndpointBaseUri} did not answer ({e.Message}); start it, or unset DOCKER_HOST to publish without images.");
        }
        if (errors.Count > 0)
        {
            throw new HostException("MLOPS2032", $"Building image {tag} from {folder} failed: {string.Join(" ", errors).Trim()} Fix the component's Dockerfile.");
        }
    }

    public void Dispose() => client.Dispose();
}
