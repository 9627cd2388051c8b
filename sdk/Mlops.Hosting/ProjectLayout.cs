using System.Reflection;

namespace Mlops.Pipelines.Hosting;

/// <summary>
/// Where a built team project keeps what it runs: the IR files the build emitted (<c>pipelines/</c>) and the
/// component folders the SDK copies next to the program (<c>components/NAME/</c>), both in the output folder.
/// </summary>
internal sealed class ProjectLayout(string outputFolder)
{
    public string OutputFolder { get; } = outputFolder;
    public string PipelinesFolder => Path.Combine(OutputFolder, "pipelines");

    public static ProjectLayout OfProgram() => new(AppContext.BaseDirectory);

    public string PipelineFile(string name) => Path.Combine(PipelinesFolder, name + ".yaml");

    /// <summary>Image reference → component folder, for the project's own component images.</summary>
    public IReadOnlyDictionary<string, string> ComponentFolders(Assembly assembly) =>
        assembly.GetCustomAttributes<ComponentImageAttribute>()
            .Select(a => (a.Reference, Folder: Path.Combine(OutputFolder, "components", a.Name)))
            .Where(c => Directory.Exists(c.Folder))
            .GroupBy(c => c.Reference)
            .ToDictionary(g => g.Key, g => g.Last().Folder);
}
