namespace Mlops.Packaging;

/// <summary>What <see cref="WheelBuilder"/> packages: a model file, its card, and the Python package's identity.</summary>
public sealed record ModelWheelSpec
{
    /// <summary>The distribution name pip installs, e.g. <c>churn-model</c>.</summary>
    public required string DistributionName { get; init; }

    /// <summary>The project's version: SemVer or PEP 440 (see <see cref="Pep440Version"/>).</summary>
    public required string Version { get; init; }

    /// <summary>The import name; by default the distribution name with <c>_</c> for separators.</summary>
    public string? ImportName { get; init; }

    /// <summary>The one-line summary pip shows; by default a sentence naming the model and its pipeline run.</summary>
    public string? Summary { get; init; }

    public required string ModelPath { get; init; }

    /// <summary>The card of the model at <see cref="ModelPath"/> (<see cref="ModelCard.Create"/>).</summary>
    public required ModelCard Card { get; init; }
}
