namespace Mlops.Runner.Executors;

/// <summary>
/// One execution of a container step: what to run, where, and where its output goes; <see cref="Masked"/> are the
/// secret run parameters' values, which its log shows as <c>***</c> (<see cref="Execution.SecretParameters"/>).
/// </summary>
public sealed record ContainerLaunch(
    string TaskName,
    string Image,
    IReadOnlyList<string> Command,
    IReadOnlyList<string> Args,
    IReadOnlyDictionary<string, string> Environment,
    string TaskFolder,
    string LogPath,
    string? ComponentFolder,
    IReadOnlyList<string> SharedFolders)
{
    public IReadOnlyList<string> Masked { get; init; } = [];
}

/// <summary>Runs container steps: as local processes, or in containers through a Docker Engine API.</summary>
public interface IContainerExecutor
{
    string Name { get; }

    /// <summary>Runs the step to its end; returns its exit code. Cancellation stops it.</summary>
    Task<int> RunAsync(ContainerLaunch launch, CancellationToken cancellationToken);
}
