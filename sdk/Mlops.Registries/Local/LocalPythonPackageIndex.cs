using Mlops.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Mlops.Registries.Local;

/// <summary>
/// A PEP 503 "simple" index in a folder, which pip installs from with <c>--index-url file:///ROOT/simple</c>:
/// <code>
/// ROOT/simple/index.html                        links to every project
/// ROOT/simple/PROJECT/index.html                links to the project's files with #sha256= fragments
/// ROOT/simple/PROJECT/FILE.whl                  written once
/// ROOT/simple/PROJECT/.FILE.whl.sha256          its sha256, so listing does not re-hash large wheels
/// ROOT/.lock                                    held while a push checks, moves and re-indexes
/// </code>
/// </summary>
public sealed class LocalPythonPackageIndex(string root) : IPythonPackageIndex
{
    public string Root { get; } = Path.GetFullPath(root);

    public TimeSpan LockTimeout { get; init; } = LocalRegistryDefaults.LockTimeout;

    public string SimpleFolder => Path.Combine(Root, "simple");

    public Uri IndexUrl => new(SimpleFolder + Path.DirectorySeparatorChar);

    public async Task<PythonPackageFile> PushAsync(string wheelPath, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(wheelPath))
        {
            throw new RegistryException(ErrorCodes.Registries.FileToPushNotFound,
                $"There is no wheel at '{Path.GetFullPath(wheelPath)}': build it first (dotnet pack) or fix the path.");
        }
        var wheel = ReadWheelName(wheelPath);
        var target = Path.Combine(ProjectFolder(wheel.Project), wheel.ToString());

        // Copy outside the lock: a model wheel can be large, and other projects' pushes need not wait for it.
        using var staged = await AtomicFile.StageCopyAsync(wheelPath, target, HashAlgorithmName.SHA256, cancellationToken).ConfigureAwait(false);
        var sha256 = Convert.ToHexStringLower(staged.Hash);
        using var indexLock = await FileLock.AcquireAsync(Path.Combine(Root, LocalRegistryDefaults.LockFileName), LockTimeout, cancellationToken).ConfigureAwait(false);

        if (File.Exists(target))
        {
            var existing = await Sha256OfAsync(target, cancellationToken).ConfigureAwait(false);
            if (existing != sha256)
            {
                throw new ImmutableVersionException(ErrorCodes.Registries.PythonFileImmutable, wheel.Project, wheel.Version,
                    $"{wheel} is already published to '{SimpleFolder}' with other content (sha256 {existing}; this file is {sha256}) and a " +
                    "published file is immutable: bump the project's Version and publish again.");
            }
        }
        else
        {
            await AtomicFile.WriteAsync(HashFile(target), sha256, cancellationToken).ConfigureAwait(false);
            await staged.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        await WriteIndexPagesAsync(wheel.Project, cancellationToken).ConfigureAwait(false);
        return new PythonPackageFile(wheel.Project, wheel.ToString(), wheel.Version, sha256);
    }

    public Task<IReadOnlyList<string>> ListProjectsAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> projects = Directory.Exists(SimpleFolder)
            ? Directory.EnumerateDirectories(SimpleFolder).Select(Path.GetFileName).OfType<string>()
                .Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal).ToList()
            : [];
        return Task.FromResult(projects);
    }

    public async Task<IReadOnlyList<PythonPackageFile>> ListFilesAsync(string project, CancellationToken cancellationToken = default)
    {
        var normalized = PythonProjectName.Normalize(project);
        var folder = ProjectFolder(normalized);
        if (!Directory.Exists(folder))
        {
            return [];
        }
        var files = new List<PythonPackageFile>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.whl").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (!name.StartsWith('.') && WheelFileName.TryParse(name, out var wheel))
            {
                files.Add(new PythonPackageFile(normalized, name, wheel.Version, await Sha256OfAsync(path, cancellationToken).ConfigureAwait(false)));
            }
        }
        return files;
    }

    public async Task<PythonPackageFile> DownloadAsync(string project, string fileName, string destination, CancellationToken cancellationToken = default)
    {
        var listed = (await ListFilesAsync(project, cancellationToken).ConfigureAwait(false)).FirstOrDefault(f => f.FileName == fileName)
            ?? throw new RegistryException(ErrorCodes.Registries.NotFound, $"'{IndexUrl}' lists no {fileName}: check the version, or publish it here first.");
        var partial = destination + ".partial";
        File.Copy(Path.Combine(ProjectFolder(listed.Project), fileName), partial, overwrite: true);
        await using (var copy = File.OpenRead(partial))
        {
            var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(copy, cancellationToken).ConfigureAwait(false));
            if (sha256 != listed.Sha256)
            {
                copy.Close();
                File.Delete(partial);
                throw new RegistryException(ErrorCodes.Registries.PythonDownloadNotVerified,
                    $"{fileName} in '{IndexUrl}' has sha256 {sha256}, and the index recorded {listed.Sha256} when it was published: the file was changed; nothing was copied.");
            }
        }
        File.Move(partial, destination, overwrite: true);
        return listed;
    }

    private string ProjectFolder(string normalizedProject) => Path.Combine(SimpleFolder, normalizedProject);

    private static string HashFile(string wheelPath) => Path.Combine(Path.GetDirectoryName(wheelPath)!, $".{Path.GetFileName(wheelPath)}.sha256");

    private static WheelFileName ReadWheelName(string wheelPath)
    {
        var fileName = Path.GetFileName(wheelPath);
        if (!WheelFileName.TryParse(fileName, out var wheel))
        {
            throw new RegistryException(ErrorCodes.Registries.InvalidWheel,
                $"'{fileName}' is not a wheel's file name: it must read NAME-VERSION-PYTHONTAG-ABITAG-PLATFORMTAG.whl (PEP 427), " +
                "e.g. churn_model-1.0.0-py3-none-any.whl.");
        }
        try
        {
            using var archive = ZipFile.OpenRead(wheelPath);
            var metadata = $"{wheel.DistInfoFolder}/METADATA";
            if (!archive.Entries.Any(e => string.Equals(e.FullName, metadata, StringComparison.OrdinalIgnoreCase)))
            {
                throw new RegistryException(ErrorCodes.Registries.InvalidWheel,
                    $"Wheel '{wheelPath}' has no '{metadata}': rebuild it so that its .dist-info folder matches its file name.");
            }
        }
        catch (InvalidDataException e)
        {
            throw new RegistryException(ErrorCodes.Registries.InvalidWheel, $"'{wheelPath}' is not a zip file, so not a wheel: rebuild it.", e);
        }
        return wheel;
    }

    private static async Task<string> Sha256OfAsync(string wheelPath, CancellationToken cancellationToken)
    {
        var hashFile = HashFile(wheelPath);
        if (File.Exists(hashFile))
        {
            return (await File.ReadAllTextAsync(hashFile, cancellationToken).ConfigureAwait(false)).Trim();
        }
        await using var stream = File.OpenRead(wheelPath);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Rewrites the project's page and the root page from what is on disk, so concurrent pushes never lose a link.</summary>
    private async Task WriteIndexPagesAsync(string project, CancellationToken cancellationToken)
    {
        var files = await ListFilesAsync(project, cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAsync(Path.Combine(ProjectFolder(project), "index.html"), SimpleIndexHtml.Project(project, files), cancellationToken).ConfigureAwait(false);
        var projects = await ListProjectsAsync(cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAsync(Path.Combine(SimpleFolder, "index.html"), SimpleIndexHtml.Root(projects), cancellationToken).ConfigureAwait(false);
    }
}
