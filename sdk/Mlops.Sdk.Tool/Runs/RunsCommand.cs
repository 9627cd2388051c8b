using System.CommandLine;
using Mlops.Backends;
using Mlops.Publishing.Runs;

namespace Mlops.Sdk.Tool.Runs;

/// <summary><c>runs --environment ENV [--pipeline NAME] [--limit N]</c>: the recent runs of the environment's runner, newest first.</summary>
public static class RunsCommand
{
    public static Command Create()
    {
        var environment = new Option<string>("--environment", "-e") { Required = true, Description = "The environment whose runner to ask." };
        var pipeline = new Option<string?>("--pipeline") { Description = "Only the runs of this pipeline." };
        var limit = new Option<int>("--limit") { DefaultValueFactory = _ => 20, Description = "How many runs to list (1–200)." };
        limit.Validators.Add(r =>
        {
            if (r.GetValue(limit) is < 1 or > 200)
            {
                r.AddError("--limit must be between 1 and 200.");
            }
        });
        var common = new RemoteRunOptions();
        var command = new Command("runs", "Lists the recent runs of an environment's runner.") { environment, pipeline, limit };
        common.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) => await ToolVerb.RunAsync(Console.Out, async () =>
        {
            var name = parsed.GetValue(environment)!;
            var definition = common.Definition(parsed, name);
            var runner = RunnerConnector.Connect(definition);
            var runs = await runner.Runs.ListAsync(parsed.GetValue(pipeline), parsed.GetValue(limit), cancellationToken);
            Console.Out.WriteLine($"Runs of {name} ({runner.Description}):");
            await Console.Out.WriteAsync(RunsTable.Format(runs, name));
        }));
        return command;
    }
}
