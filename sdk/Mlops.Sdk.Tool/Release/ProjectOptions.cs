using System.CommandLine;
using Mlops.Registries;

namespace Mlops.Sdk.Tool.Release;

/// <summary>
/// The facts about a built project that the SDK's targets pass to pack-model and publish: where the build wrote the
/// compiled pipelines, the project's components with their image references, and the MLOps home.
/// </summary>
public sealed class ProjectOptions
{
    public Option<DirectoryInfo> Pipelines { get; } = new("--pipelines") { Required = true, Description = "The folder of the compiled IR files (MlopsPipelinesOutputPath)." };

    public Option<string[]> Components { get; } = new("--component") { Description = "A component of the project: name=NAME&image=REFERENCE&folder=FOLDER, URI-escaped (repeatable)." };

    public Option<DirectoryInfo?> Home { get; } = new("--home") { Description = "The MLOps home (default: MLOPS_HOME, else ~/.mlops)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Pipelines);
        command.Options.Add(Components);
        command.Options.Add(Home);
    }

    public MlopsHome HomeOf(ParseResult parsed) => MlopsHome.At(parsed.GetValue(Home)?.FullName);

    /// <summary>The components given, or the first malformed value's error.</summary>
    public bool TryGetComponents(ParseResult parsed, out IReadOnlyList<ComponentImage> components, out string error)
    {
        var list = new List<ComponentImage>();
        components = list;
        foreach (var text in parsed.GetValue(Components) ?? [])
        {
            if (!ComponentArgument.TryParse(text, out var component, out error))
            {
                return false;
            }
            list.Add(component);
        }
        error = "";
        return true;
    }
}
