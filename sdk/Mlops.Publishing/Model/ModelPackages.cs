using Mlops.Diagnostics;
using Mlops.Packaging;
using NuGet.Versioning;

namespace Mlops.Publishing.Model;

/// <summary>
/// What <c>dotnet pack</c> makes of a trained model: a Python wheel and a NuGet package with the same model card. A
/// publish to an environment without a NuGet feed makes the wheel only (<paramref name="NuGet"/> is then null).
/// </summary>
public sealed record ModelPackages(BuiltWheel Wheel, BuiltNuGetPackage? NuGet, ModelCard Card)
{
    /// <summary>The Python distribution the wheel of model package <paramref name="packageId"/> is published as.</summary>
    public static string DistributionName(string packageId) => packageId.Replace('.', '-');

    public static ModelPackages Build(TrainedModel model, string packageId, string version, string commit, string authors, string output,
        bool withNuGet = true)
    {
        if (!NuGetVersion.TryParse(version, out _))
        {
            throw new MlopsException(ErrorCodes.Host.VersionNotNuGet, $"Version '{version}' is not a NuGet version; set the project's Version to e.g. 1.2.0.");
        }
        Directory.CreateDirectory(output);
        var card = ModelCard.Create(model.Path, packageId, version, ProvenanceOf(model, version, commit), model.Metrics, model.TrainedAt);
        var wheel = WheelBuilder.Build(new ModelWheelSpec
        {
            DistributionName = DistributionName(packageId),
            Version = version,
            Summary = $"The model trained by {model.Pipeline}, run {model.RunId}.",
            ModelPath = model.Path,
            Card = card,
        }, output);
        var nuget = !withNuGet ? null : NuGetModelPackageBuilder.Build(new NuGetModelPackageSpec
        {
            Id = packageId,
            Version = version,
            Description = $"The model trained by {model.Pipeline}, run {model.RunId}, with its model card.",
            Authors = [authors],
            ModelPath = model.Path,
            Card = card,
        }, output);
        return new ModelPackages(wheel, nuget, card);
    }

    /// <summary>
    /// The card's lineage. A remote run's own records win over the packing checkout's: the commit and version it was
    /// submitted at (its labels), the template it ran by digest, and the artifact URI the model was read from.
    /// </summary>
    public static ModelProvenance ProvenanceOf(TrainedModel model, string version, string commit) =>
        model.Remote is not { } remote
            ? new ModelProvenance(model.Pipeline, version, model.RunId, commit)
            : new ModelProvenance(model.Pipeline, NonEmpty(remote.Version) ?? version, model.RunId, NonEmpty(remote.SourceCommit) ?? commit)
            {
                TemplateUri = remote.TemplateUri ?? "",
                TemplateDigest = remote.TemplateDigest ?? "",
                ModelUri = remote.ModelUri,
            };

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
