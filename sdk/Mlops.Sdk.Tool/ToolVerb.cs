using Mlops.Diagnostics;

namespace Mlops.Sdk.Tool;

/// <summary>
/// Runs a verb's work and reports the problems users can cause as MSBuild canonical lines
/// (<c>[file(line,col): ]error CODE: message</c>) with exit code 1, never as a stack trace.
/// Exit codes: 0 success, 1 problems were reported, 2 a bad command line (the SDK and its tool disagree).
/// </summary>
public static class ToolVerb
{
    public const int Succeeded = 0;
    public const int ProblemsReported = 1;
    public const int BadCommandLine = 2;

    public static async Task<int> RunAsync(TextWriter output, Func<Task> work)
    {
        try
        {
            await work();
            return Succeeded;
        }
        catch (MlopsException e)
        {
            foreach (var diagnostic in e.Diagnostics)
            {
                await output.WriteLineAsync(diagnostic.ToCanonicalString());
            }
            return ProblemsReported;
        }
    }

    /// <summary>Reports a malformed option value the way System.CommandLine reports its own parse errors.</summary>
    public static int RejectCommandLine(string error)
    {
        Console.Error.WriteLine(error);
        return BadCommandLine;
    }
}
