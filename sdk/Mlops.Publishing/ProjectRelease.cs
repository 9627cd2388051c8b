using Mlops.Registries;

namespace Mlops.Publishing;

/// <summary>
/// A release of a built team project, as MSBuild knows it: the version, where the build wrote the compiled pipelines,
/// the project's components with the image references the IR uses, and the model to pack. The SDK's targets pass these
/// facts on the tool's command line; nothing is re-derived from where a program happens to run.
/// </summary>
public sealed record ProjectRelease
{
    public required string Version { get; init; }

    /// <summary>The folder of the compiled IR files (<c>MlopsPipelinesOutputPath</c>).</summary>
    public required string PipelinesFolder { get; init; }

    /// <summary>The project's components (their source folders) and image references.</summary>
    public IReadOnlyList<ComponentImage> Components { get; init; } = [];

    public required ModelSelection Model { get; init; }

    /// <summary>A folder for the packages being published.</summary>
    public required string WorkFolder { get; init; }
}
