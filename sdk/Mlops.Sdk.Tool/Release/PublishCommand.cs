using System.CommandLine;
using Mlops.Environments;
using Mlops.Publishing;
using Mlops.Publishing.Images;
using Mlops.Publishing.Promotion;
using Mlops.Publishing.Release;
using Mlops.Publishing.Runs;

namespace Mlops.Sdk.Tool.Release;

/// <summary>
/// <c>publish --environment NAME</c>: what <c>dotnet publish -p:Environment=NAME</c> runs. Publishes the release
/// (<see cref="ReleasePublisher"/>) to the environment's registries, or, where the environment takes its releases
/// from another (<c>promotesFrom</c>), promotes that environment's release of the Version (<see cref="ReleasePromoter"/>),
/// with <c>--approval</c> where it requires one; <c>--rollback-to VERSION</c> instead moves the environment back to a
/// version its ledger records (<see cref="ReleaseRollback"/>).
/// </summary>
public static class PublishCommand
{
    public static Command Create()
    {
        var project = new ProjectOptions();
        var environment = new Option<string>("--environment") { Required = true, Description = "The environment to publish to ('local' is built in)." };
        var version = new Option<string>("--version") { Required = true, Description = "The version of this release (the project's Version)." };
        var packageId = new Option<string>("--package-id") { Required = true, Description = "The model package's id." };
        var from = new Option<string?>("--model-from") { Description = "latest (default), a run id, or a model file." };
        var pipeline = new Option<string?>("--model-pipeline") { Description = "The training pipeline (when several have a Model output)." };
        var commit = new Option<string?>("--commit") { Description = "The source commit, recorded in the model card." };
        var work = new Option<DirectoryInfo>("--work") { Required = true, Description = "A folder for the packages being published." };
        var environmentsFile = new Option<FileInfo?>("--environments-file") { Description = "The company's mlops.environments.json (not needed for 'local')." };
        var releaseFile = new Option<FileInfo?>("--release-file") { Description = "Where to record what the registries reported (release.json)." };
        var approval = new Option<string?>("--approval") { Description = "Who approved the promotion (an identity or a reference), optionally WHO@sha256:RELEASE-DIGEST." };
        var rollbackTo = new Option<string?>("--rollback-to") { Description = "Roll the environment back to this earlier version of its ledger instead of publishing." };
        var command = new Command("publish", "Publishes the pipelines, the model packages and the component images to an environment.")
            { environment, version, packageId, from, pipeline, commit, work, environmentsFile, releaseFile, approval, rollbackTo };
        project.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (!project.TryGetComponents(parsed, out var components, out var error))
            {
                return ToolVerb.RejectCommandLine(error);
            }
            var release = new ProjectRelease
            {
                Version = parsed.GetValue(version)!,
                PipelinesFolder = parsed.GetValue(project.Pipelines)!.FullName,
                Components = components,
                Model = new ModelSelection
                {
                    PackageId = parsed.GetValue(packageId)!,
                    From = NullIfEmpty(parsed.GetValue(from)),
                    Pipeline = NullIfEmpty(parsed.GetValue(pipeline)),
                    Commit = parsed.GetValue(commit) ?? "",
                },
                WorkFolder = parsed.GetValue(work)!.FullName,
            };
            var home = project.HomeOf(parsed);
            var handOff = false;
            var exitCode = await ToolVerb.RunAsync(Console.Out, async () =>
            {
                var file = parsed.GetValue(environmentsFile)?.FullName;
                var name = parsed.GetValue(environment)!;
                var rollback = NullIfEmpty(parsed.GetValue(rollbackTo));
                var promotesFrom = EnvironmentConnector.PromotesFrom(name, file);
                // Only a fresh publish builds images: a promotion or a rollback never asks for a container engine.
                using var images = rollback is null && promotesFrom is null ? ComponentImageBuilder.Detect() : null;
                var target = await EnvironmentConnector.ConnectAsync(name, home, file, images, release.WorkFolder, Console.Out, cancellationToken);
                // The native build neither builds images, nor downloads a model, nor talks to a NuGet feed (PortableTool):
                // such a publish, told before anything is pushed or printed, is the portable build's.
                if (PortableTool.IsNativeBuild && (target.Registries.NuGetPackages is not null || (rollback is null && promotesFrom is null
                    && (release.Model.From is not null || await ReleasePublisher.BuildsImagesAsync(release, target, images, cancellationToken)))))
                {
                    handOff = true;
                    return;
                }
                if (rollback is not null)
                {
                    await ReleaseRollback.RollBackAsync(target, release.Model.PackageId, rollback, Console.Out, cancellationToken);
                    return;
                }
                var schedules = ReleaseSchedules.Plan(release.PipelinesFolder, target, cancellationToken);
                PublishedRelease published;
                if (promotesFrom is not null)
                {
                    var source = await EnvironmentConnector.ConnectAsync(promotesFrom, home, file, null, release.WorkFolder, Console.Out, cancellationToken);
                    if (PortableTool.IsNativeBuild && source.Registries.NuGetPackages is not null)
                    {
                        handOff = true;
                        return;
                    }
                    published = await ReleasePromoter.PromoteAsync(release, source, target, Console.Out, cancellationToken, NullIfEmpty(parsed.GetValue(approval)));
                }
                else
                {
                    published = await ReleasePublisher.PublishAsync(release, target, home, images, Console.Out, cancellationToken);
                }
                if (schedules is not null)
                {
                    await schedules.ApplyAsync(target, published, Console.Out, cancellationToken);
                }
                if (parsed.GetValue(releaseFile) is { } record)
                {
                    ReleaseFile.Record(record.FullName, target.Name, published);
                    Console.Out.WriteLine($"  recorded in {record.FullName}");
                }
            });
            return handOff ? await PortableTool.RunAsync(Environment.GetCommandLineArgs()[1..]) : exitCode;
        });
        return command;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
