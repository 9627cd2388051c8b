using Mlops.Diagnostics;
using Mlops.Pipelines;
using Mlops.Pipelines.Diagnostics;
using Mlops.Registries;

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
public static partial class SubPipelineRestorer
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
        var requested = ReferenceValidator.Validate(request.References, projectPath, home, diagnostics, request.EnvironmentsFile).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
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
                if (source.Url is null && source.Key != RegistrySource.LocalKey && !Directory.Exists(source.Folder))
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
                    await VerifyPinAsync(entry, digest, reference, cache, lockPath, request.Offline, () => Open(reference.Registry), cancellationToken).ConfigureAwait(false);
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
                    RememberPin(reference, chosen.Tag, chosen.Digest, cache);
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
            try
            {
                if (requested.Count == 0)
                {
                    lockOutcome = File.Exists(lockPath) ? LockFileOutcome.Deleted : LockFileOutcome.Unchanged;
                    LockFile.Delete(lockPath);
                }
                else
                {
                    lockOutcome = new LockFile(entries).Save(lockPath) ? LockFileOutcome.Written : LockFileOutcome.Unchanged;
                }
            }
            catch (RestoreException e)
            {
                diagnostics.Add(e.Diagnostic);
                return new RestoreResult { Diagnostics = diagnostics, RegistryAccesses = registryAccesses };
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
}
