using Mlops.Pipelines.Diagnostics;

namespace Mlops.Restore;

public enum LockFileOutcome
{
    /// <summary>Nothing to write: locked mode, offline, or a problem stopped the restore.</summary>
    NotWritten,

    /// <summary>The lock file already held exactly what restore would write.</summary>
    Unchanged,

    Written,

    /// <summary>The project has no references any more.</summary>
    Deleted,
}

/// <summary>One sub-pipeline restore made available to the build.</summary>
/// <param name="FromLockFile">Whether the version came from the lock file (true) or from resolving the range in the registry.</param>
/// <param name="IrPath">The IR copy the build embeds.</param>
/// <param name="SourcePath">The generated wrapper.</param>
public sealed record RestoredSubPipeline(string Name, string TypeName, string Version, string Digest, bool FromLockFile, string IrPath, string SourcePath);

public sealed class RestoreResult
{
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    public IReadOnlyList<RestoredSubPipeline> SubPipelines { get; init; } = [];

    public LockFileOutcome LockFile { get; init; }

    /// <summary>How many times a registry was opened (zero when everything came from the lock file and the cache).</summary>
    public int RegistryAccesses { get; init; }

    public bool Succeeded => Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error);
}
