using System.CommandLine;
using Mlops.Environments;
using Mlops.Publishing;
using Mlops.Publishing.Ledger;

namespace Mlops.Sdk.Tool.Release;

/// <summary>
/// <c>releases --environments-file FILE --package-id ID</c>: what <c>dotnet build -t:MlopsReleases</c> runs. Prints, per
/// environment of the file, the release live there and its digests, as each environment's own ledger records it.
/// </summary>
public static class ReleasesCommand
{
    public static Command Create()
    {
        var packageId = new Option<string>("--package-id") { Required = true, Description = "The model package's id (names the ledger)." };
        var environmentsFile = new Option<FileInfo>("--environments-file") { Required = true, Description = "The company's mlops.environments.json." };
        var home = new Option<DirectoryInfo?>("--home") { Description = "The MLOps home (default: MLOPS_HOME, else ~/.mlops)." };
        var command = new Command("releases", "Prints which release is live in each environment, from the environments' ledgers.") { packageId, environmentsFile, home };
        command.SetAction(async (parsed, cancellationToken) => await ToolVerb.RunAsync(Console.Out, async () =>
        {
            var file = parsed.GetValue(environmentsFile)!.FullName;
            var mlopsHome = MlopsHome.At(parsed.GetValue(home)?.FullName);
            var work = Path.Combine(Path.GetTempPath(), "mlops-releases");
            var environments = new List<MlopsEnvironment>();
            foreach (var definition in EnvironmentsFile.Load(file).Environments)
            {
                environments.Add(await EnvironmentConnector.ConnectAsync(definition.Name, mlopsHome, file, null, work, TextWriter.Null, cancellationToken));
            }
            var rows = await LiveReleaseTable.ReadAsync(environments, parsed.GetValue(packageId)!, cancellationToken);
            await Console.Out.WriteAsync(LiveReleaseTable.Format(rows));
        }));
        return command;
    }
}
