using System.CommandLine;
using Mlops.Sdk.Tool;
using Mlops.Sdk.Tool.Release;
using Mlops.Sdk.Tool.Restore;
using Mlops.Sdk.Tool.Runs;

// The engine the SDK's targets run out of the MSBuild process: everything that does not need the team's types.
// Exit codes: 0 success, 1 problems were reported (MLOPSnnnn lines on standard output), 2 bad command line.
if (PortableTool.TakesVerb(args))
{
    return await PortableTool.RunAsync(args);
}
var root = new RootCommand("The Mlops.Sdk tool that its MSBuild targets run out of the MSBuild process.");
root.Subcommands.Add(RestoreCommand.Create());
root.Subcommands.Add(PackModelCommand.Create());
root.Subcommands.Add(PublishCommand.Create());
root.Subcommands.Add(ReleasesCommand.Create());
root.Subcommands.Add(SubmitCommand.Create());
root.Subcommands.Add(RunsCommand.Create());
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        await Console.Error.WriteLineAsync(error.Message);
    }
    return 2;
}
// Ctrl+C cancels the action's token: submit --wait then asks the runner to cancel the run and follows it (up to
// RunFollower.CancelGrace, 2 minutes) before the process may be ended.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(3) });
