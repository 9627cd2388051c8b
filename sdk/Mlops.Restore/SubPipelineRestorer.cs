using Mlops.Diagnostics;
using System.Text;
using Mlops.Pipelines;
using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Ir;
using Mlops.Registries;
using NuGet.Versioning;

namespace Mlops.Restore;

/// <summary>
/// Restores a project's sub-pipelines:
/// <list type="number">
/// <item>checks the references (MLOPS4001-4006);</item>
/// <item>compares them with <c>mlops.lock.json</c>: a reference whose range and registry are unchanged keeps its locked
/// version and digest (no registry is asked); an added or changed one is resolved in its registry, with NuGet's range
/// rules; removed ones leave the lock file. Locked mode fails instead of changing anything (MLOPS4020/4021), offline
/// (design-time) restore uses the lock file and cache only (MLOPS4031);</item>
/// <item>reads each IR from the content-addressed cache (checked on every read, MLOPS4030), downloading by digest what
/// is not there;</item>
/// <item>writes the lock file, and into the output folder the IR copy and the wrapper of each reference, removing those of
/// references that are gone.</item>
/// </list>
/// Every problem is reported, and when there is one nothing is written.
/// </summary>
public static class SubPipelineRestorer
{
    public static async Task<RestoreResult> RestoreAsync(RestoreRequest request, CancellationToken cancellationToken = default)
    {
        var diagnostics = new List<Diagnostic>();
        var projectPath = Path.GetFullPath(request.ProjectPath);
        var project = new SourceLocation(projectPath, 0);
        var home = MlopsHome.At(request.Home);
        var lockPath = Path.GetFullPath(request.LockFilePath ?? Path.Combine(Path.GetDirectoryName(projectPath)!, LockFile.DefaultFileName));
        var output = Path.GetFullPath(request.OutputDirectory);

        if (!CSharpNames.IsNamespace(request.Namespace))
        {
            diagnostics.Add(Diagnostic.Error(ErrorCodes.Restore.InvalidNamespace,
                $"The namespace of the sub-pipeline wrappers, '{request.Namespace}', is not a C# namespace: set MlopsSubPipelinesNamespace (default: $(RootNamespace).SubPipelines) to dot-separated identifiers.",
                project));
        }
        var requested = ReferenceValidator.Validate(request.References, projectPath, home, diagnostics).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        LockFile? existing = null;
        try
        {
            existing = LockFile.Read(lockPath);
        }
        catch (RestoreException e)
        {
            diagnostics.Add(e.Diagnostic);
        }
        if (diagnostics.Count > 0)
        {
            return new RestoreResult { Diagnostics = diagnostics };
        }

        var (matching, changes) = Compare(requested, existing);
        var lockLocation = new SourceLocation(lockPath, 0);
        if (request.LockedMode)
        {
            if (existing is null && requested.Count > 0)
            {
                diagnostics.Add(Diagnostic.Error(ErrorCodes.Restore.LockFileMissing,
                    $"Restore is in locked mode, but there is no lock file '{lockPath}': run dotnet restore without locked mode (MlopsRestoreLockedMode/RestoreLockedMode) and commit the mlops.lock.json it writes.",
                    project));
            }
            else if (changes.Count > 0)
            {
                diagnostics.Add(Diagnostic.Error(ErrorCodes.Restore.LockFileStale,
                    $"Restore is in locked mode, but the SubPipelineReference items no longer match the lock file: {string.Join("; ", changes)}. Run dotnet restore without locked mode (MlopsRestoreLockedMode/RestoreLockedMode) to update mlops.lock.json, and commit it.",
                    lockLocation));
            }
            if (diagnostics.Count > 0)
            {
                return new RestoreResult { Diagnostics = diagnostics };
            }
        }
        if (request.Offline)
        {
            if (existing is null && requested.Count > 0)
            {
                diagnostics.Add(Diagnostic.Error(ErrorCodes.Restore.NotRestored,
                    $"The sub-pipelines are not restored yet (there is no lock file '{lockPath}'): run dotnet restore or build.",
                    project));
                return new RestoreResult { Diagnostics = diagnostics };
            }
            foreach (var change in changes)
            {
                diagnostics.Add(Diagnostic.Error(ErrorCodes.Restore.NotRestored,
                    $"The sub-pipelines are not restored for the current references ({change}): run dotnet restore or build.",
                    lockLocation));
            }
        }

        var cache = new IrCache(home.IrCache);
        var registryAccesses = 0;
        var opened = new Dictionary<string, IPipelineTemplateRegistry>(StringComparer.Ordinal);
        IPipelineTemplateRegistry Open(RegistrySource source)
        {
            if (!opened.TryGetValue(source.Key, out var registry))
            {
                if (source.Key != RegistrySource.LocalKey && !Directory.Exists(source.Folder))
                {
                    throw RestoreException.Error(ErrorCodes.Restore.InvalidRegistry,
                        $"Registry '{source.Key}' is the folder '{source.Folder}', which does not exist: give a folder of local registries (the folder that holds kfp/, relative to the project), or leave Registry out for $(MLOPS_HOME)/registries.",
                        projectPath);
                }
                registryAccesses++;
                registry = (request.OpenRegistry ?? (s => s.Open()))(source);
                opened[source.Key] = registry;
            }
            return registry;
        }

        var entries = new SortedDictionary<string, LockedSubPipeline>(StringComparer.Ordinal);
        var generated = new List<(RestoredSubPipeline SubPipeline, byte[] Ir, string Code)>();
        var useLock = !request.ForceEvaluate || request.LockedMode || request.Offline;
        foreach (var reference in requested)
        {
            try
            {
                LockedSubPipeline entry;
                byte[] bytes;
                var fromLock = useLock && matching.ContainsKey(reference.Name);
                if (fromLock)
                {
                    entry = matching[reference.Name];
                    var digest = ParseDigest(entry.Digest, lockPath);
                    bytes = cache.TryRead(digest) ?? ReadCopy(IrPathOf(output, reference.Name), digest, cache)
                        ?? (request.Offline
                            ? throw RestoreException.Error(ErrorCodes.Restore.NotRestored,
                                $"The IR of sub-pipeline '{reference.Name}' {entry.Resolved} ({entry.Digest}) is not in the cache '{cache.Root}': run dotnet restore or build.",
                                projectPath)
                            : await DownloadAsync(Open(reference.Registry), reference, digest, cache, cancellationToken).ConfigureAwait(false));
                }
                else if (request.Offline)
                {
                    continue; // reported above
                }
                else
                {
                    var registry = Open(reference.Registry);
                    var chosen = await ResolveAsync(registry, reference, projectPath, cancellationToken).ConfigureAwait(false);
                    bytes = cache.TryRead(chosen.Digest) ?? await DownloadAsync(registry, reference, chosen.Digest, cache, cancellationToken).ConfigureAwait(false);
                    entry = new LockedSubPipeline(reference.RangeText, reference.Registry.Key, chosen.Tag, chosen.Digest.ToString(), Images(Parse(bytes, reference, chosen.Tag)));
                }

                var info = new WrapperInfo(request.Namespace, reference.TypeName, reference.Name, reference.RangeText, entry.Resolved, entry.Digest);
                var code = ReadCurrentWrapper(Path.Combine(output, reference.Name + SourceSuffix), info)
                    ?? WrapperGenerator.Generate(info, Parse(bytes, reference, entry.Resolved), $"{reference.Name}@{entry.Resolved}");
                entries[reference.Name] = entry;
                generated.Add((new RestoredSubPipeline(reference.Name, reference.TypeName, entry.Resolved, entry.Digest, fromLock,
                    IrPathOf(output, reference.Name), Path.Combine(output, reference.Name + SourceSuffix)), bytes, code));
            }
            catch (RestoreException e)
            {
                diagnostics.Add(e.Diagnostic);
            }
            catch (RegistryException e)
            {
                diagnostics.Add(Diagnostic.Error(e.Code, $"SubPipelineReference '{reference.Name}': {e.Message}", project));
            }
        }

        var failed = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        if (failed && !request.Offline)
        {
            return new RestoreResult { Diagnostics = diagnostics, RegistryAccesses = registryAccesses };
        }

        var lockOutcome = LockFileOutcome.NotWritten;
        if (!request.Offline && !request.LockedMode)
        {
            if (requested.Count == 0)
            {
                lockOutcome = File.Exists(lockPath) ? LockFileOutcome.Deleted : LockFileOutcome.Unchanged;
                File.Delete(lockPath);
            }
            else
            {
                lockOutcome = new LockFile(entries).Save(lockPath) ? LockFileOutcome.Written : LockFileOutcome.Unchanged;
            }
        }

        WriteOutputs(output, generated.Select(g => (g.SubPipeline, g.Ir, g.Code)).ToList(),
            keep: request.Offline ? requested.Select(r => r.Name).ToHashSet(StringComparer.Ordinal) : null);
        return new RestoreResult
        {
            Diagnostics = diagnostics,
            SubPipelines = generated.Select(g => g.SubPipeline).ToList(),
            LockFile = lockOutcome,
            RegistryAccesses = registryAccesses,
        };
    }

    /// <summary>
    /// The IR copy of a sub-pipeline in the output folder: <c>NAME.subpipeline.yaml</c>, so that MSBuild never takes a
    /// package name such as <c>scoring.de</c> for a culture-specific resource. The build embeds it as
    /// <c>mlops/subpipelines/NAME.yaml</c>.
    /// </summary>
    public static string IrPathOf(string output, string name) => Path.Combine(output, name + IrSuffix);

    private const string IrSuffix = ".subpipeline.yaml";
    private const string SourceSuffix = ".g.cs";

    /// <summary>The lock entries that still hold (same range and registry), and a sentence per difference.</summary>
    private static (Dictionary<string, LockedSubPipeline> Matching, List<string> Changes) Compare(IReadOnlyList<RequestedSubPipeline> requested, LockFile? existing)
    {
        var matching = new Dictionary<string, LockedSubPipeline>(StringComparer.Ordinal);
        var changes = new List<string>();
        foreach (var reference in requested)
        {
            if (existing?.SubPipelines.GetValueOrDefault(reference.Name) is not { } entry)
            {
                changes.Add($"'{reference.Name}' (Version '{reference.RangeText}') is not in the lock file");
            }
            else if (!VersionRange.TryParse(entry.Requested, allowFloating: true, out var lockedRange) || !lockedRange.Equals(reference.Range))
            {
                changes.Add($"'{reference.Name}' has Version '{reference.RangeText}', the lock file '{entry.Requested}'");
            }
            else if (entry.Registry != reference.Registry.Key)
            {
                changes.Add($"'{reference.Name}' has Registry '{reference.Registry.Key}', the lock file '{entry.Registry}'");
            }
            else
            {
                matching[reference.Name] = entry;
            }
        }
        foreach (var name in existing?.SubPipelines.Keys.Where(n => !requested.Any(r => r.Name == n)) ?? [])
        {
            changes.Add($"'{name}' is in the lock file but no longer referenced");
        }
        return (matching, changes);
    }

    private static async Task<PublishedVersion> ResolveAsync(IPipelineTemplateRegistry registry, RequestedSubPipeline reference, string projectPath, CancellationToken cancellationToken)
    {
        IReadOnlyList<PipelineTemplateTag> tags;
        try
        {
            tags = await registry.ListTagsAsync(reference.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryException e) when (e.Code == ErrorCodes.Registries.NotFound)
        {
            var packages = await registry.ListPackagesAsync(cancellationToken).ConfigureAwait(false);
            throw RestoreException.Error(ErrorCodes.Restore.PackageNotFound,
                $"SubPipelineReference '{reference.Name}': registry {reference.Registry.Describe()} has no pipeline '{reference.Name}' (it has {(packages.Count == 0 ? "none" : string.Join(", ", packages.Select(p => $"'{p}'")))}). Check the name, or publish the pipeline first (dotnet publish -p:Environment=... in its repository).",
                projectPath);
        }
        var versions = VersionSelector.Versions(tags);
        return VersionSelector.Select(reference.Range, versions)
            ?? throw RestoreException.Error(ErrorCodes.Restore.NoMatchingVersion,
                $"SubPipelineReference '{reference.Name}': no version in registry {reference.Registry.Describe()} matches Version '{reference.RangeText}'" +
                (reference.Range.MinVersion?.IsPrerelease == true || reference.Range.MaxVersion?.IsPrerelease == true || reference.Range.Float?.IncludePrerelease == true ? "" : " (pre-releases are only picked when the range names one, e.g. 1.5.0-* or [1.5.0-rc.1, ))") +
                $". Available versions: {VersionSelector.List(versions)}. Change Version to a range that includes one of them.",
                projectPath);
    }

    private static async Task<byte[]> DownloadAsync(IPipelineTemplateRegistry registry, RequestedSubPipeline reference, ContentDigest digest, IrCache cache, CancellationToken cancellationToken)
    {
        // The registry checks the bytes against the digest (MLOPS3005).
        var bytes = await registry.GetAsync(reference.Name, digest.ToString(), cancellationToken).ConfigureAwait(false);
        cache.Add(digest, bytes);
        return bytes;
    }

    /// <summary>The copy a previous restore wrote into the output folder, when it still has the locked digest (it refills the cache).</summary>
    private static byte[]? ReadCopy(string path, ContentDigest digest, IrCache cache)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var bytes = File.ReadAllBytes(path);
        if (ContentDigest.Compute(bytes) != digest)
        {
            return null;
        }
        cache.Add(digest, bytes);
        return bytes;
    }

    /// <summary>The wrapper a previous restore generated, when it was generated from the same inputs (its first line says so).</summary>
    private static string? ReadCurrentWrapper(string path, WrapperInfo info)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var code = File.ReadAllText(path);
        return code.StartsWith(WrapperGenerator.FirstLine(info) + "\n", StringComparison.Ordinal) ? code : null;
    }

    private static ContentDigest ParseDigest(string text, string lockPath) =>
        ContentDigest.TryParse(text, out var digest) ? digest
        : throw RestoreException.Error(ErrorCodes.Restore.LockFileInvalid, $"The lock file '{lockPath}' has digest '{text}', which is not 'sha256:' and 64 hexadecimal digits. Delete the file and run dotnet restore.", lockPath);

    private static PipelineSpec Parse(byte[] bytes, RequestedSubPipeline reference, string version)
    {
        try
        {
            return IrFile.Parse(Encoding.UTF8.GetString(bytes), $"{reference.Name}@{version}").Spec;
        }
        catch (PipelineException e)
        {
            throw RestoreException.Error(ErrorCodes.Restore.InvalidIr,
                $"Sub-pipeline '{reference.Name}' {version} is not a pipeline this SDK can use: {string.Join(" ", e.Diagnostics.Select(d => $"{d.Code}: {d.Message}"))} Reference another version, or ask its team to republish it.",
                null);
        }
    }

    private static IReadOnlyList<string> Images(PipelineSpec spec) =>
        spec.DeploymentSpec.Executors.Values
            .Select(e => e.Container?.Image)
            .OfType<string>()
            .Where(i => i.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Writes <c>NAME.yaml</c> and <c>NAME.g.cs</c> per sub-pipeline (only when changed), and deletes the files of other
    /// names, except those in <paramref name="keep"/> (offline restore leaves what it could not redo).
    /// </summary>
    private static void WriteOutputs(string output, IReadOnlyList<(RestoredSubPipeline SubPipeline, byte[] Ir, string Code)> generated, IReadOnlySet<string>? keep)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (subPipeline, ir, code) in generated)
        {
            GeneratedFiles.WriteIfChanged(subPipeline.IrPath, ir);
            GeneratedFiles.WriteIfChanged(subPipeline.SourcePath, new UTF8Encoding(false).GetBytes(code));
            written.Add(subPipeline.IrPath);
            written.Add(subPipeline.SourcePath);
        }
        if (!Directory.Exists(output))
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(output))
        {
            var fileName = Path.GetFileName(file);
            var name = fileName.EndsWith(IrSuffix, StringComparison.Ordinal) ? fileName[..^IrSuffix.Length]
                : fileName.EndsWith(SourceSuffix, StringComparison.Ordinal) ? fileName[..^SourceSuffix.Length]
                : null;
            if (name is not null && !written.Contains(file) && !(keep?.Contains(name) ?? false))
            {
                File.Delete(file);
            }
        }
    }
}
