namespace Mlops.Publishing;

/// <summary>Which trained model a release packs, and what its packages are called.</summary>
public sealed record ModelSelection
{
    /// <summary>The model packages' id (NuGet) and name (Python).</summary>
    public required string PackageId { get; init; }

    /// <summary><c>latest</c>, a run id or a model file; null when the user chose none (then a release may have no model).</summary>
    public string? From { get; init; }

    /// <summary>The training pipeline, when several have a Model output.</summary>
    public string? Pipeline { get; init; }

    /// <summary>The source commit, recorded in the model card.</summary>
    public string Commit { get; init; } = "";

    /// <summary>The NuGet package's authors (default: the package id).</summary>
    public string? Authors { get; init; }
}
