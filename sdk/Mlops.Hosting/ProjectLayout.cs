using System.Reflection;

namespace Mlops.Pipelines.Hosting;

/// <summary>
/// Where the built team project keeps what <c>run</c> needs, as the build recorded it in the program's
/// runtimeconfig.json (<c>Mlops.PipelinesDirectory</c>: <c>MlopsPipelinesOutputPath</c>; <c>Mlops.ComponentFolder.NAME</c>:
/// each component's folder). A program started without them (built by hand) looks next to itself.
/// </summary>
internal sealed class ProjectLayout(string pipelinesFolder, Func<string, string> componentFolder)
{
    public const string PipelinesDirectoryKey = "Mlops.PipelinesDirectory";
    public const string ComponentFolderKeyPrefix = "Mlops.ComponentFolder.";

    public string PipelinesFolder { get; } = pipelinesFolder;

    public static ProjectLayout OfProgram()
    {
        var programFolder = AppContext.BaseDirectory;
        return new ProjectLayout(
            Setting(PipelinesDirectoryKey) ?? Path.Combine(programFolder, "pipelines"),
            name => Setting(ComponentFolderKeyPrefix + name) ?? Path.Combine(programFolder, "components", name));
    }

    public string PipelineFile(string name) => Path.Combine(PipelinesFolder, name + ".yaml");

    /// <summary>Image reference → component folder, for the project's own component images.</summary>
    public IReadOnlyDictionary<string, string> ComponentFolders(Assembly assembly) =>
        assembly.GetCustomAttributes<ComponentImageAttribute>()
            .Select(a => (a.Reference, Folder: componentFolder(a.Name)))
            .Where(c => Directory.Exists(c.Folder))
            .GroupBy(c => c.Reference)
            .ToDictionary(g => g.Key, g => g.Last().Folder);

    private static string? Setting(string key) => AppContext.GetData(key) is string { Length: > 0 } value ? value : null;
}
