using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;
using Mlops.Diagnostics;
using Mlops.Registries;

namespace Mlops.Publishing.Images;

/// <summary>
/// Builds component images (a component folder with its Dockerfile) in a container engine through the Docker Engine
/// API, tagged as the IR refers to them. Without an engine there is nothing to build them in.
/// </summary>
public sealed class ComponentImageBuilder(DockerEndpoint endpoint) : IDisposable
{
    // Made on first use: a publish with nothing to build never loads Docker.DotNet (and its JSON stack) at all.
    private readonly Lazy<DockerClient> docker = new(() => new DockerClientConfiguration(endpoint.Uri).CreateClient());

    public DockerEndpoint Endpoint { get; } = endpoint;

    /// <summary>The engine at DOCKER_HOST, or at the platform's default socket when it exists; null when there is none.</summary>
    public static ComponentImageBuilder? Detect() => DockerEndpoint.Detect() is { } endpoint ? new ComponentImageBuilder(endpoint) : null;

    /// <summary>The components that have a Dockerfile (the others run as processes only).</summary>
    public static IEnumerable<ComponentImage> Buildable(IEnumerable<ComponentImage> components) =>
        components.Where(c => File.Exists(Path.Combine(c.Folder, "Dockerfile")));

    public async Task BuildAsync(ComponentImage image, CancellationToken cancellationToken)
    {
        using var context = new MemoryStream();
        await TarFile.CreateFromDirectoryAsync(image.Folder, context, includeBaseDirectory: false, cancellationToken);
        context.Position = 0;
        var errors = new List<string>();
        try
        {
            await docker.Value.Images.BuildImageFromDockerfileAsync(
                new ImageBuildParameters { Tags = [image.Reference.ToString()], Dockerfile = "Dockerfile", Remove = true },
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
            throw new MlopsException(ErrorCodes.Host.ContainerEngineUnreachable, $"The container engine at {Endpoint} did not answer ({e.Message}); start it, or unset DOCKER_HOST to publish without images.");
        }
        if (errors.Count > 0)
        {
            throw new MlopsException(ErrorCodes.Host.ImageBuildFailed, $"Building image {image.Reference} from {image.Folder} failed: {string.Join(" ", errors).Trim()} Fix the component's Dockerfile.");
        }
    }

    /// <summary>Exports a built image from the engine (a docker archive) into <paramref name="folder"/>, as an OCI image.</summary>
    public async Task<ExportedImage> ExportAsync(ComponentImage image, string folder, CancellationToken cancellationToken)
    {
        try
        {
            // To disk first: the engine's chunked response stream does not take TarReader's reads across chunk ends.
            Directory.CreateDirectory(folder);
            var tar = Path.Combine(folder, "image.tar");
            await using (var archive = await docker.Value.Images.SaveImageAsync(image.Reference.ToString(), cancellationToken))
            await using (var file = File.Create(tar))
            {
                await archive.CopyToAsync(file, cancellationToken);
            }
            try
            {
                await using var saved = File.OpenRead(tar);
                return await ExportedImage.ReadAsync(saved, folder, cancellationToken);
            }
            finally
            {
                File.Delete(tar);
            }
        }
        catch (DockerApiException e)
        {
            throw new MlopsException(ErrorCodes.Registries.OciImageExportFailed, $"The container engine at {Endpoint} could not export image {image.Reference}: {e.ResponseBody.Trim()}");
        }
        catch (HttpRequestException e)
        {
            throw new MlopsException(ErrorCodes.Host.ContainerEngineUnreachable, $"The container engine at {Endpoint} did not answer ({e.Message}); start it, or set DOCKER_HOST to one that runs.");
        }
    }

    public void Dispose()
    {
        if (docker.IsValueCreated)
        {
            docker.Value.Dispose();
        }
    }
}
