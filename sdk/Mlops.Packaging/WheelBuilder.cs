using Mlops.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Mlops.Packaging;

/// <summary>
/// Builds a PEP 427 wheel <c>DIST-VERSION-py3-none-any.whl</c> that embeds a trained model:
/// <code>
/// IMPORT_NAME/__init__.py        load(), model_card(), MODEL_PATH; load() checks the sha256 before unpickling
/// IMPORT_NAME/MODEL_FILE         the model file, under its own name
/// IMPORT_NAME/model_card.json
/// DIST-VERSION.dist-info/METADATA, WHEEL, RECORD
/// </code>
/// The loader uses only the Python standard library. Equal inputs give byte-identical wheels.
/// </summary>
public static class WheelBuilder
{
    public const string Tag = "py3-none-any";

    private static readonly HashSet<string> ReservedFileNames = ["__init__.py", ModelCard.FileName, "__pycache__"];

    public static BuiltWheel Build(ModelWheelSpec spec, string outputDirectory)
    {
        PythonDistributionName.Validate(spec.DistributionName);
        var version = Pep440Version.FromProjectVersion(spec.Version);
        var importName = spec.ImportName ?? PythonImportName.FromDistributionName(spec.DistributionName);
        PythonImportName.Validate(importName);
        var model = ModelFile.Read(spec.ModelPath);
        model.EnsureDescribedBy(spec.Card);
        if (ReservedFileNames.Contains(model.Name) || model.Name.StartsWith('.'))
        {
            throw new PackagingException(ErrorCodes.Packaging.ReservedModelFileName,
                $"The model file cannot be named '{model.Name}' inside the Python package: rename it (e.g. 'model.pkl') and create its model card again.");
        }

        var fileNameStem = $"{PythonDistributionName.ForFileName(spec.DistributionName)}-{version}";
        var fileName = $"{fileNameStem}-{Tag}.whl";
        var distInfo = $"{fileNameStem}.dist-info";
        Directory.CreateDirectory(outputDirectory);
        var path = Path.Combine(Path.GetFullPath(outputDirectory), fileName);

        var record = new WheelRecord($"{distInfo}/RECORD");
        using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
        using (var zip = new DeterministicZipWriter(file))
        {
            void Add(string entry, byte[] content)
            {
                zip.Add(entry, content);
                record.Add(entry, content);
            }

            Add($"{importName}/__init__.py", LoaderSource());
            zip.AddFile($"{importName}/{model.Name}", model.Path);
            record.Add($"{importName}/{model.Name}", model.Sha256, model.Length);
            Add($"{importName}/{ModelCard.FileName}", spec.Card.ToUtf8Json());
            Add($"{distInfo}/METADATA", Metadata(spec, version));
            Add($"{distInfo}/WHEEL", Encoding.UTF8.GetBytes(
                $"Wheel-Version: 1.0\nGenerator: {Generator()}\nRoot-Is-Purelib: true\nTag: {Tag}\n"));
            zip.Add($"{distInfo}/RECORD", record.ToUtf8());
        }

        using var written = File.OpenRead(path);
        return new BuiltWheel(path, fileName, spec.DistributionName, version, importName, Convert.ToHexStringLower(SHA256.HashData(written)));
    }

    private static byte[] Metadata(ModelWheelSpec spec, string version)
    {
        var card = spec.Card;
        var summary = spec.Summary
            ?? $"The {card.ModelName} model {card.ModelVersion}, trained by pipeline {card.PipelineName} {card.PipelineVersion} (run {card.RunId}).";
        // A header value is one line: a newline would start a new header (or the description) in METADATA.
        summary = string.Join(' ', summary.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return Encoding.UTF8.GetBytes($"Metadata-Version: 2.1\nName: {spec.DistributionName}\nVersion: {version}\nSummary: {summary}\n");
    }

    private static byte[] LoaderSource()
    {
        using var stream = typeof(WheelBuilder).Assembly.GetManifestResourceStream("Mlops.Packaging.Python.model_package_init.py")
            ?? throw new InvalidOperationException("The loader source is missing from Mlops.Packaging.dll.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Generator()
    {
        var version = typeof(WheelBuilder).Assembly.GetName().Version ?? new Version(0, 0, 0);
        return $"Mlops.Packaging ({version.ToString(3)})";
    }
}
