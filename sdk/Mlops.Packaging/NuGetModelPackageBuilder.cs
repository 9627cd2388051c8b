using Mlops.Diagnostics;
using System.IO.Compression;
using NuGet.Packaging;
using NuGet.Versioning;

namespace Mlops.Packaging;

/// <summary>
/// Builds a NuGet package that carries a trained model and its card for .NET consumers:
/// <code>
/// contentFiles/any/any/model/MODEL_FILE, model_card.json   PackageReference: copied to the consumer's output folder (model/)
/// content/model/MODEL_FILE, model_card.json                packages.config projects
/// </code>
/// </summary>
public static class NuGetModelPackageBuilder
{
    public const string ModelFolder = "model";

    public static BuiltNuGetPackage Build(NuGetModelPackageSpec spec, string outputDirectory)
    {
        if (!PackageIdValidator.IsValidPackageId(spec.Id))
        {
            throw new PackagingException(ErrorCodes.Packaging.InvalidNuGetPackageId,
                $"'{spec.Id}' is not a NuGet package id: use letters, digits, '.', '_' and '-', at most {PackageIdValidator.MaxPackageIdLength} characters (e.g. 'Contoso.Churn.Model').");
        }
        if (!NuGetVersion.TryParse(spec.Version, out var version))
        {
            throw new PackagingException(ErrorCodes.Packaging.InvalidNuGetVersion,
                $"'{spec.Version}' is not a NuGet version: use SemVer such as 1.4.2 or 2.0.0-rc.1.");
        }
        var authors = spec.Authors.Where(a => !string.IsNullOrWhiteSpace(a)).ToList();
        if (string.IsNullOrWhiteSpace(spec.Description) || authors.Count == 0)
        {
            throw new PackagingException(ErrorCodes.Packaging.MissingNuGetMetadata,
                $"Package {spec.Id} needs a description and at least one author: set the project's Description and Authors.");
        }
        var model = ModelFile.Read(spec.ModelPath);
        model.EnsureDescribedBy(spec.Card);
        var card = spec.Card.ToUtf8Json();

        var builder = new PackageBuilder(deterministic: true)
        {
            Id = spec.Id,
            Version = version,
            Description = spec.Description,
        };
        builder.Authors.UnionWith(authors);
        builder.Tags.UnionWith(["mlops", "model"]);
        foreach (var root in new[] { "content", "contentFiles/any/any" })
        {
            // Entry times come from the card, not the clock or the file system, so equal inputs give equal bytes.
            builder.Files.Add(new PhysicalPackageFile { SourcePath = model.Path, TargetPath = $"{root}/{ModelFolder}/{model.Name}" });
            builder.Files.Add(new PhysicalPackageFile(new MemoryStream(card)) { TargetPath = $"{root}/{ModelFolder}/{ModelCard.FileName}" });
        }
        builder.ContentFiles.Add(new ManifestContentFiles
        {
            Include = $"any/any/{ModelFolder}/**",
            BuildAction = "None",
            CopyToOutput = "true",
            Flatten = "false",
        });

        Directory.CreateDirectory(outputDirectory);
        var path = Path.Combine(Path.GetFullPath(outputDirectory), $"{spec.Id}.{version.ToNormalizedString()}.nupkg");
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
        {
            builder.Save(stream);
        }
        StampEntries(path, spec.Card.CreatedAt);
        return new BuiltNuGetPackage(path, spec.Id, version);
    }

    /// <summary>
    /// Sets every entry's time to the card's: PackageBuilder stamps entries with the clock even when deterministic,
    /// and a republish of the same model must give the same bytes (a published version is immutable).
    /// </summary>
    private static void StampEntries(string path, DateTimeOffset time)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        foreach (var entry in zip.Entries)
        {
            entry.LastWriteTime = time;
        }
    }
}
