namespace Mlops.Testing;

/// <summary>Runs python with pip isolated from user configuration (<see cref="IsolatedEnvironment.Pip"/>).</summary>
public static class Python
{
    /// <summary>The machine's python.</summary>
    public const string Interpreter = "python3";

    /// <param name="interpreter">Another python, e.g. a virtual environment's bin/python.</param>
    public static Task<ProcessResult> RunAsync(IEnumerable<string> arguments, string? workingDirectory = null, string interpreter = Interpreter) =>
        ChildProcess.RunAsync(interpreter, arguments, workingDirectory, IsolatedEnvironment.Pip());
}
