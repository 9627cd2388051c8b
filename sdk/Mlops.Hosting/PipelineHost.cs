using System.CommandLine;
using System.Reflection;
using Mlops.Pipelines.Compiler;
using Mlops.Pipelines.Diagnostics;

namespace Mlops.Pipelines.Hosting;

/// <summary>
/// The program the SDK generates for a team project: <c>list</c>, <c>emit</c> and <c>run</c> verbs over the
/// pipelines of the project's assembly: what needs the team's types (so F5 in an IDE runs a pipeline). Packing and
/// publishing are the SDK's tool's (Mlops.Sdk.Tool), which never loads the team's assembly. Exit codes: 0 success, 1 problems were reported (for emit: nothing
/// written; for run: the run failed or was cancelled), 2 bad command line.
/// </summary>
public static class PipelineHost
{
    public static async Task<int> RunAsync(Assembly assembly, string[] args)
    {
        var root = new RootCommand($"Pipelines of {assembly.GetName().Name}.");
        root.Subcommands.Add(ListCommand.Create(assembly));
        root.Subcommands.Add(EmitCommand.Create(assembly));
        root.Subcommands.Add(RunCommand.Create(assembly));
        root.Subcommands.Add(SdkToolVerb.Create("submit", "Runs a published pipeline on an environment's runner (Vertex AI Pipelines, a KFP backend): submit NAME -e ENV [--param NAME=VALUE]... [--wait]."));
        root.Subcommands.Add(SdkToolVerb.Create("runs", "Lists the recent runs of an environment's runner: runs -e ENV [--pipeline NAME] [--limit N]."));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }
            return 2;
        }
        // Ctrl+C cancels the action's token; the run then stops its steps and records itself cancelled, which takes longer
        // than System.CommandLine's default grace of 2 s before it ends the process (leaving run.json "running"). submit
        // and runs wait for the SDK's tool, which may follow a cancelled remote run for up to its own 3 minutes.
        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(3) });
    }
}
