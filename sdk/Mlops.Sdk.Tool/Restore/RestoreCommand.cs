using System.CommandLine;
using System.Diagnostics;
using Mlops.Restore;

namespace Mlops.Sdk.Tool.Restore;

/// <summary>
/// <c>restore</c>: restores a project's sub-pipelines (<see cref="SubPipelineRestorer"/>) and prints each problem in
/// MSBuild's canonical format (<c>file: error MLOPS4011: ...</c>), which the SDK's task turns into build errors.
/// </summary>
public static class RestoreCommand
{
    public static Command Create()
    {
        var project = new Option<FileInfo>("--project") { Required = true, Description = "The project file (relative registries are resolved from its folder; problems are reported on it)." };
        var lockFile = new Option<FileInfo?>("--lock-file") { Description = "The lock file (default: mlops.lock.json next to the project)." };
        var output = new Option<DirectoryInfo>("--output") { Required = true, Description = "The folder for the IR copies and generated wrappers (owned by restore)." };
        var ns = new Option<string>("--namespace") { Description = "The namespace of the generated wrappers.", DefaultValueFactory = _ => "" };
        var references = new Option<string[]>("--reference") { Description = "A reference: name=NAME&version=RANGE[&registry=FOLDER][&alias=ALIAS], values URI-escaped (repeatable)." };
        var locked = new Option<bool>("--locked") { Description = "Fail when the lock file is missing or does not match the references." };
        var force = new Option<bool>("--force-evaluate") { Description = "Resolve every range again, ignoring the versions the lock file pins." };
        var offline = new Option<bool>("--offline") { Description = "Use the lock file and the IR cache only, never a registry (design-time builds)." };
        var environmentsFile = new Option<FileInfo?>("--environments-file") { Description = "The company's mlops.environments.json, for a Registry that names an environment." };
        var home = new Option<DirectoryInfo?>("--home") { Description = "The MLOps home (default: MLOPS_HOME, else ~/.mlops)." };
        var command = new Command("restore", "Restores the sub-pipelines a project references: lock file, IR cache, typed wrappers.")
        {
            project, lockFile, output, ns, references, locked, force, offline, home, environmentsFile,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var parsedReferences = new List<SubPipelineReference>();
            foreach (var text in parsed.GetValue(references) ?? [])
            {
                if (!ReferenceArgument.TryParse(text, out var reference, out var error))
                {
                    await Console.Error.WriteLineAsync(error);
                    return 2;
                }
                parsedReferences.Add(reference);
            }
            var request = new RestoreRequest
            {
                ProjectPath = parsed.GetValue(project)!.FullName,
                LockFilePath = parsed.GetValue(lockFile)?.FullName,
                OutputDirectory = parsed.GetValue(output)!.FullName,
                Namespace = parsed.GetValue(ns) ?? "",
                References = parsedReferences,
                LockedMode = parsed.GetValue(locked),
                ForceEvaluate = parsed.GetValue(force),
                Offline = parsed.GetValue(offline),
                Home = parsed.GetValue(home)?.FullName,
                EnvironmentsFile = parsed.GetValue(environmentsFile)?.FullName,
            };
            return await RunAsync(request, Console.Out, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(RestoreRequest request, TextWriter log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var result = await SubPipelineRestorer.RestoreAsync(request, cancellationToken);
        foreach (var diagnostic in result.Diagnostics)
        {
            await log.WriteLineAsync(diagnostic.ToCanonicalString());
        }
        foreach (var subPipeline in result.SubPipelines)
        {
            await log.WriteLineAsync($"Mlops: sub-pipeline {subPipeline.Name} {subPipeline.Version} ({subPipeline.Digest}) {(subPipeline.FromLockFile ? "from the lock file" : "resolved in its registry")} -> {subPipeline.TypeName}");
        }
        var lockMessage = result.LockFile switch
        {
            LockFileOutcome.Written => "written",
            LockFileOutcome.Unchanged => "up to date",
            LockFileOutcome.Deleted => "deleted (no SubPipelineReference left)",
            _ => "not written",
        };
        await log.WriteLineAsync($"Mlops: restore {(result.Succeeded ? "done" : "failed")} in {clock.ElapsedMilliseconds} ms; lock file {lockMessage}; registries opened: {result.RegistryAccesses}.");
        return result.Succeeded ? 0 : 1;
    }
}
