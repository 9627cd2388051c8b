namespace Mlops.Packaging;

/// <summary>What <see cref="NuGetModelPackageBuilder"/> packages: a model file, its card, and the package's identity.</summary>
public sealed record NuGetModelPackageSpec
{
    public required string Id { get; init; }

    /// <summary>A NuGet version (SemVer 2.0, e.g. <c>1.4.2</c> or <c>2.0.0-rc.1</c>).</summary>
    public required string Version { get; init; }

    public required string Description { get; init; }

    public required IReadOnlyList<string> Authors { get; init; }

    public required string ModelPath { get; init; }

    /// <summary>The card of the model at <see cref="ModelPath"/> (<see cref="ModelCard.Create"/>).</summary>
    public required ModelCard Card { get; init; }
}
