using Mlops.Diagnostics;
using Mlops.Environments;
using Mlops.Pipelines.Diagnostics;
using Mlops.Registries;
using NuGet.Versioning;

namespace Mlops.Restore;

/// <summary>Checks the references of a project, reporting every problem (not only the first) on the project file.</summary>
public static class ReferenceValidator
{
    public static IReadOnlyList<RequestedSubPipeline> Validate(IReadOnlyList<SubPipelineReference> references, string projectPath,
        MlopsHome home, List<Diagnostic> diagnostics, string? environmentsFile = null)
    {
        var environments = LoadEnvironments(references, environmentsFile, diagnostics);
        var location = new SourceLocation(projectPath, 0);
        var projectFolder = Path.GetDirectoryName(Path.GetFullPath(projectPath))!;
        var valid = new List<RequestedSubPipeline>();
        foreach (var reference in references)
        {
            var problems = diagnostics.Count;
            try
            {
                PipelineTemplateNames.ValidatePackage(reference.Name);
            }
            catch (RegistryException)
            {
                diagnostics.Add(Diagnostic.Error(ErrorCodes.Restore.InvalidReferenceName,
                    $"SubPipelineReference '{reference.Name}' does not name a pipeline package: use the pipeline's name as published, in lower-case letters, digits, '.', '_' and '-' (e.g. Include=\"churn-prediction\").",
                    location));
            }

            VersionRange? range = null;
            if (string.IsNullOrWhiteSpace(reference.Version))
            {
                diagnostics.Add(Diagnostic.Error(ErrorCodes.Restore.InvalidVersionRange,
                    $"SubPipelineReference '{reference.Name}' has no Version: give a NuGet version range, e.g. Version=\"1.4.*\" (the newest 1.4.x) or Version=\"[1.4.2]\" (exactly 1.4.2).",
                    location));
            }
            else if (!VersionRange.TryParse(reference.Version.Trim(), allowFloating: true, out range))
            {
                diagnostics.Add(Diagnostic.Error(ErrorCodes.Restore.InvalidVersionRange,
                    $"SubPipelineReference '{reference.Name}' has Version '{reference.Version}', which is not a NuGet version range: write e.g. 1.4.* (the newest 1.4.x), 1.4.2 (1.4.2 or newer), [1.4.2] (exactly), [1.0,2.0) (from 1.0 up to 2.0) or 2.0.0-* (newest 2.0.0 pre-release).",
                    location));
            }

            var typeName = string.IsNullOrWhiteSpace(reference.Alias) ? CSharpNames.PascalCase(reference.Name) : reference.Alias.Trim();
            if (!CSharpNames.IsIdentifier(typeName))
            {
                diagnostics.Add(Diagnostic.Error(ErrorCodes.Restore.InvalidAlias,
                    string.IsNullOrWhiteSpace(reference.Alias)
                        ? $"SubPipelineReference '{reference.Name}' gives no C# type name ('{typeName}'): set its Alias metadata to one, e.g. Alias=\"ChurnPrediction\"."
                        : $"SubPipelineReference '{reference.Name}' has Alias '{reference.Alias}', which is not a C# type name: use letters, digits and '_', not starting with a digit, e.g. Alias=\"ChurnPrediction\".",
                    location));
            }

            var registry = Locate(reference, projectFolder, home, environments, location, diagnostics);
            if (diagnostics.Count == problems)
            {
                valid.Add(new RequestedSubPipeline(reference.Name, reference.Version!.Trim(), range!, registry!, typeName));
            }
        }

        foreach (var group in references.GroupBy(r => r.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            diagnostics.Add(Diagnostic.Error(ErrorCodes.Restore.DuplicateReference,
                $"There are {group.Count()} SubPipelineReference items for '{group.Key}': keep one (to use a pipeline twice, Run its wrapper twice).",
                location));
        }
        foreach (var group in valid.DistinctBy(r => r.Name).GroupBy(r => r.TypeName, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            diagnostics.Add(Diagnostic.Error(ErrorCodes.Restore.DuplicateReference,
                $"SubPipelineReference items {string.Join(" and ", group.Select(r => $"'{r.Name}'"))} would all generate the type {group.Key}: give them distinct Alias metadata.",
                location));
        }
        return valid;
    }

    private static RegistrySource? Locate(SubPipelineReference reference, string projectFolder, MlopsHome home, EnvironmentsFile? environments,
        SourceLocation location, List<Diagnostic> diagnostics)
    {
        var key = RegistrySource.KeyOf(reference.Registry);
        if (key == RegistrySource.LocalKey)
        {
            return new RegistrySource(key, home.Registries);
        }
        if (key.Contains("://", StringComparison.Ordinal))
        {
            if (Uri.TryCreate(key, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" && url.AbsolutePath.Trim('/').Length > 0)
            {
                return RegistrySource.Remote(key, url);
            }
            diagnostics.Add(Diagnostic.Error(ErrorCodes.Restore.InvalidRegistry,
                $"SubPipelineReference '{reference.Name}' has Registry '{reference.Registry}', which is not the URL of a KFP-format repository: write e.g. https://europe-west4-kfp.pkg.dev/PROJECT/REPOSITORY, an environment of the environments file, or a folder of local registries.",
                location));
            return null;
        }
        if (environments?.Environments.FirstOrDefault(e => e.Name == key) is { } environment)
        {
            if (environment.Registries.Pipelines is { } pipelines)
            {
                return RegistrySource.Remote(key, pipelines, environment.Impersonate);
            }
            diagnostics.Add(Diagnostic.Error(ErrorCodes.Restore.InvalidRegistry,
                $"SubPipelineReference '{reference.Name}' reads the environment '{key}', which has no pipelines registry in {environments.Path}: add its registries.pipelines URL.",
                location));
            return null;
        }
        // Whether the folder exists is checked when the registry is needed: a restore from the lock file never needs it.
        var folder = Path.GetFullPath(Path.Combine(projectFolder, reference.Registry!.Trim()));
        return new RegistrySource(key, folder);
    }

    /// <summary>The environments file, when a reference may name one of its environments (a Registry that is not local, a URL or a path).</summary>
    private static EnvironmentsFile? LoadEnvironments(IReadOnlyList<SubPipelineReference> references, string? path, List<Diagnostic> diagnostics)
    {
        if (string.IsNullOrEmpty(path) || !references.Any(r => RegistrySource.KeyOf(r.Registry) is var key
                && key != RegistrySource.LocalKey && !key.Contains("://", StringComparison.Ordinal) && !key.Contains('/') && !key.StartsWith('.')))
        {
            return null;
        }
        try
        {
            return EnvironmentsFile.Load(path);
        }
        catch (MlopsException e)
        {
            diagnostics.AddRange(e.Diagnostics);
            return null;
        }
    }
}
