using System.Reflection;

namespace Mlops.Sdk.Tool.Tests.Support;

/// <summary>
/// Runs the tool's program (its entry point, as <c>dotnet Mlops.Sdk.Tool.dll VERB ...</c> would) in this process, with
/// its standard output and error captured. The console is the process's: the assembly's tests run one at a time.
/// </summary>
internal static class SdkTool
{
    private static readonly MethodInfo EntryPoint = typeof(ToolVerb).Assembly.EntryPoint
        ?? throw new InvalidOperationException("Mlops.Sdk.Tool has no entry point.");

    public static async Task<ToolResult> RunAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var (previousOutput, previousError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            // The entry point of an async Main blocks until it is done: off the test's synchronization context.
            var exitCode = await Task.Run(() => (int)EntryPoint.Invoke(null, [args])!);
            return new ToolResult(exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(previousOutput);
            Console.SetError(previousError);
        }
    }
}
