using Mlops.Registries;

namespace Mlops.Restore;

/// <summary>What to restore, for one project.</summary>
public sealed record RestoreRequest
{
    /// <summary>The project file: relative registry folders are resolved from its folder, and problems with references are reported on it.</summary>
    public required string ProjectPath { get; init; }

    /// <summary>Default: <c>mlops.lock.json</c> next to the project.</summary>
    public string? LockFilePath { get; init; }

    /// <summary>The folder restore owns: <c>NAME.yaml</c> (the locked IR, embedded by the build) and <c>NAME.g.cs</c> (the wrapper) per reference.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The wrappers' namespace; empty for the global namespace.</summary>
    public string Namespace { get; init; } = "";

    public IReadOnlyList<SubPipelineReference> References { get; init; } = [];

    /// <summary>Fail (MLOPS4020/4021) when the lock file is missing or does not match the references, instead of updating it.</summary>
    public bool LockedMode { get; init; }

    /// <summary>Resolve every range again, ignoring the versions the lock file pins (NuGet's --force-evaluate). Ignored in locked mode.</summary>
    public bool ForceEvaluate { get; init; }

    /// <summary>Design-time builds: use the lock file and the cache only, never a registry, and never write the lock file.</summary>
    public bool Offline { get; init; }

    /// <summary>The MLOps home (IR cache, local registries). Default: <c>MLOPS_HOME</c>, else <c>~/.mlops</c>.</summary>
    public string? Home { get; init; }

    /// <summary>The company's mlops.environments.json, for references whose Registry names one of its environments.</summary>
    public string? EnvironmentsFile { get; init; }

    /// <summary>Opens a reference's registry; default <see cref="RegistrySource.Open"/>. Tests count the calls.</summary>
    public Func<RegistrySource, IPipelineTemplateRegistry>? OpenRegistry { get; init; }
}
