using Docker.DotNet;
using Docker.DotNet.Models;

namespace Mlops.Runner.Executors;

/// <summary>
/// Runs a step in a container through the Docker Engine API (Docker, or podman's API service). The run's folders
/// are mounted at the same paths inside the container, so artifact paths mean the same on both sides.
/// </summary>
public sealed class DockerExecutor(DockerEndpoint endpoint) : IContainerExecutor, IDisposable
{
    private readonly DockerClient client = new DockerClientConfiguration(endpoint.Uri).CreateClient();

    public DockerExecutor(Uri endpoint) : this(DockerEndpoint.At(endpoint))
    {
    }

    public string Name => "docker";

    public async Task<int> RunAsync(ContainerLaunch launch, CancellationToken cancellationToken)
    {
        CreateContainerResponse created;
        try
        {
            created = await client.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Image = launch.Image,
                Entrypoint = launch.Command.Count > 0 ? launch.Command.ToList() : null,
                Cmd = launch.Args.ToList(),
                Env = launch.Environment.Select(e => $"{e.Key}={e.Value}").ToList(),
                HostConfig = new HostConfig { Binds = launch.SharedFolders.Select(f => $"{f}:{f}").ToList() },
            }, cancellationToken);
        }
        catch (DockerImageNotFoundException)
        {
            throw new StepFailedException($"Task '{launch.TaskName}': image '{launch.Image}' is not in the container engine; build or pull it first (dotnet publish builds the project's component images).");
        }
        catch (HttpRequestException e)
        {
            throw new StepFailedException($"Task '{launch.TaskName}': the container engine at {endpoint} did not answer ({e.Message}); start it or set DOCKER_HOST.");
        }
        catch (DockerApiException e)
        {
            throw new StepFailedException($"Task '{launch.TaskName}': the container engine could not create its container: {EngineMessage(e)}");
        }
        try
        {
            try
            {
                await client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken);
            }
            catch (DockerApiException e)
            {
                // Most often the command is not in the image: the engine refuses to start, there is no exit code.
                throw new StepFailedException($"Task '{launch.TaskName}': the container engine could not start it in image '{launch.Image}': {EngineMessage(e)}");
            }
            var waited = await client.Containers.WaitContainerAsync(created.ID, cancellationToken);
            using var logs = await client.Containers.GetContainerLogsAsync(created.ID, tty: false,
                new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, CancellationToken.None);
            await AppendLogAsync(logs, launch);
            return (int)waited.StatusCode;
        }
        catch (OperationCanceledException)
        {
            try
            {
                await client.Containers.KillContainerAsync(created.ID, new ContainerKillParameters(), CancellationToken.None);
            }
            catch (DockerApiException)
            {
                // It ended meanwhile (409, not running): nothing to kill, and the removal below still happens.
            }
            throw;
        }
        finally
        {
            await client.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
    }

    /// <summary>The engine's own words: the "message" of its JSON error body, else the body.</summary>
    /// <summary>Appends the container's output to the step's log, the secret parameters' values masked line by line.</summary>
    private static async Task AppendLogAsync(MultiplexedStream logs, ContainerLaunch launch)
    {
        if (launch.Masked.Count == 0)
        {
            await using var direct = File.Open(launch.LogPath, FileMode.Append, FileAccess.Write);
            await logs.CopyOutputToAsync(Stream.Null, direct, direct, CancellationToken.None);
            return;
        }
        var raw = launch.LogPath + ".raw";
        try
        {
            await using (var file = File.Create(raw))
            {
                await logs.CopyOutputToAsync(Stream.Null, file, file, CancellationToken.None);
            }
            using var reader = new StreamReader(raw);
            await using var log = new StreamWriter(launch.LogPath, append: true);
            while (await reader.ReadLineAsync() is { } line)
            {
                await log.WriteLineAsync(Execution.SecretParameters.Redact(line, launch.Masked));
            }
        }
        finally
        {
            File.Delete(raw);
        }
    }

    private static string EngineMessage(DockerApiException e)
    {
        var body = e.ResponseBody ?? "";
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text ? text : body;
        }
        catch (Exception parse) when (parse is System.Text.Json.JsonException or InvalidOperationException)
        {
            return body;
        }
    }

    public void Dispose() => client.Dispose();
}
