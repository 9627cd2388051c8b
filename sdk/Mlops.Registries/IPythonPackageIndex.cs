namespace Mlops.Registries;

/// <summary>A Python package index that pip installs from (PEP 503 "simple" repository API).</summary>
public interface IPythonPackageIndex
{
    /// <summary>The URL to give pip as <c>--index-url</c>.</summary>
    Uri IndexUrl { get; }

    /// <summary>
    /// Publishes a wheel. Pushing a file with the same name and bytes again is a no-op; the same name with other
    /// bytes throws <see cref="ImmutableVersionException"/> (MLOPS3002).
    /// </summary>
    Task<PythonPackageFile> PushAsync(string wheelPath, CancellationToken cancellationToken = default);

    /// <summary>The normalized names of the projects, ordered.</summary>
    Task<IReadOnlyList<string>> ListProjectsAsync(CancellationToken cancellationToken = default);

    /// <summary>The files of a project (any spelling of its name), ordered by file name; empty when there is no such project.</summary>
    Task<IReadOnlyList<PythonPackageFile>> ListFilesAsync(string project, CancellationToken cancellationToken = default);

    /// <summary>
    /// Copies a file of a project byte for byte to <paramref name="destination"/>, verified against the sha256 the
    /// index lists for it (MLOPS3056 when they differ, and nothing is written).
    /// </summary>
    Task<PythonPackageFile> DownloadAsync(string project, string fileName, string destination, CancellationToken cancellationToken = default);
}
