using System.CommandLine;
using Mlops.Backends;
using Mlops.Environments;
using Mlops.Publishing;
using Mlops.Publishing.Ledger;
using Mlops.Publishing.Runs;
using Mlops.Publishing.Images;

namespace Mlops.Sdk.Tool.Runs;

/// <summary>
/// <c>submit PIPELINE --environment ENV [--param NAME=VALUE]... [--tag TAG] [--wait]</c>, what <c>dotnet run -- submit</c>
/// hands to the tool: runs the pipeline as the environment's registry holds it (the tag, by default the project's
/// Version, resolved to its sha256 first) on the environment's runner. With <c>--wait</c> it follows the run and exits
/// by its end; Ctrl+C asks the runner to cancel it.
/// </summary>
public static class SubmitCommand
{
    public static Command Create()
    {
        var pipeline = new Argument<string>("pipeline") { Description = "The pipeline to run, as published (see 'dotnet run -- list')." };
        var environment = new Option<string>("--environment", "-e") { Required = true, Description = "The environment whose runner runs it (from mlops.environments.json)." };
        var parameters = new Option<string[]>("--param", "-p") { Description = "A pipeline parameter, as NAME=VALUE (repeatable)." };
        var tag = new Option<string?>("--tag") { Description = "The published tag to run (default: the project's Version)." };
        var wait = new Option<bool>("--wait") { Description = "Follow the run until it ends; the exit code is its outcome. Ctrl+C cancels the run." };
        var pollSeconds = new Option<double>("--poll-seconds") { DefaultValueFactory = _ => 5, Description = "The first polling interval of --wait (it grows to 60 s)." };
        var common = new RemoteRunOptions();
        var command = new Command("submit", "Runs a published pipeline on an environment's runner.") { pipeline, environment, parameters, tag, wait, pollSeconds };
        common.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (!RemoteRunOptions.TryParseParameters(parsed.GetValue(parameters), out var given, out var bad))
            {
                return bad;
            }
            return await ToolVerb.RunAsync(Console.Out, async () =>
            {
                var name = parsed.GetValue(environment)!;
                var version = parsed.GetValue(common.Version) ?? "";
                var (target, definition) = await common.ConnectAsync(parsed, name, cancellationToken);
                var runner = RunnerConnector.Connect(definition);
                var template = await PublishedTemplate.ResolveAsync(target.Registries.PipelineTemplates, name, parsed.GetValue(pipeline)!,
                    parsed.GetValue(tag) is { Length: > 0 } t ? t : version, cancellationToken);
                var commit = await SourceCommitAsync(target, parsed.GetValue(common.PackageId), template.Tag, cancellationToken);
                var request = RunSubmission.Prepare(template, definition, given, template.Tag, commit);
                Console.Out.WriteLine($"Submitting {template.Pipeline} {template.Tag} ({template.Version}) to {name}: {runner.Description}");
                foreach (var secret in given.Keys.Where(Mlops.Runner.Execution.SecretParameters.IsSecret).Order(StringComparer.Ordinal))
                {
                    Console.Out.WriteLine(Mlops.Diagnostics.Diagnostic.Warning(Mlops.Diagnostics.ErrorCodes.Runs.SecretRunParameter,
                        $"--param {secret} looks like a secret, and {runner.Runs.Kind} keeps a run's parameter values in the run for anyone who can read it. Have the step read it at run time instead (Secret Manager, a Kubernetes secret), and rotate this one if it is real.").ToCanonicalString());
                }
                var submitted = await runner.Runs.SubmitAsync(request, cancellationToken);
                Console.Out.WriteLine($"  run {submitted.RunId}");
                if (!parsed.GetValue(wait))
                {
                    return;
                }
                var follower = new RunFollower(runner.Runs, Console.Out) { FirstPoll = TimeSpan.FromSeconds(Math.Max(0.05, parsed.GetValue(pollSeconds))) };
                var ended = await follower.FollowAsync(submitted, cancellationToken);
                Console.Out.WriteLine($"Run {ended.RunId} succeeded{(ended.Duration is { } d ? $" in {d.TotalSeconds:0.0} s" : "")}.");
            });
        });
        return command;
    }

    /// <summary>The commit the environment's ledger records for the release of <paramref name="version"/>, for the run's lineage.</summary>
    private static async Task<string?> SourceCommitAsync(MlopsEnvironment environment, string? packageId, string version, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(packageId) || environment.Registries.Images is not OciImageRegistry images)
        {
            return null;
        }
        var entry = await ReleaseLedger.Of(images, packageId).ReadAsync(version, cancellationToken);
        return entry?.SourceCommit;
    }
}
