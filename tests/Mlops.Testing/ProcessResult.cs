namespace Mlops.Testing;

/// <summary>What a child process did: exit code, standard output and error, time taken.</summary>
public sealed record ProcessResult(string CommandLine, string WorkingDirectory, int ExitCode, string Output, string Error, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Both streams, for assertions on messages that may go to either.</summary>
    public string AllOutput => Output + Environment.NewLine + Error;

    public ProcessResult EnsureSuccess()
    {
        if (!Succeeded)
        {
            throw new Xunit.Sdk.XunitException($"`{CommandLine}` in {WorkingDirectory} exited with {ExitCode}:{Environment.NewLine}{Tail(AllOutput)}");
        }
        return this;
    }

    public override string ToString() => $"`{CommandLine}` exited with {ExitCode} in {Duration.TotalSeconds:F1} s";

    private static string Tail(string text, int lines = 80) =>
        string.Join(Environment.NewLine, text.Split('\n').TakeLast(lines));
}
