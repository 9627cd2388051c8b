using Mlops.Sdk.Tests.Support;

namespace Mlops.Sdk.Tests.Tasks;

/// <summary>
/// A stand-in for a program the tasks run: a shell script given as the program, with /bin/sh as the "dotnet" host,
/// so the task runs a real process (<c>/bin/sh script VERB ...</c>) that prints what the test says and exits with its code.
/// </summary>
internal sealed class FakeProgram : IDisposable
{
    public const string Host = "/bin/sh";

    private readonly TempFolder folder = new();

    public FakeProgram(string script) => Path = folder.Write("program.sh", script);

    public string Path { get; }

    /// <summary>Prints each argument after the verb on a line of its own, prefixed with "arg:".</summary>
    public static FakeProgram EchoingArguments() => new("shift\nfor a in \"$@\"; do printf 'arg:%s\\n' \"$a\"; done\n");

    public static FakeProgram Exiting(int exitCode, string output = "") => new($"{output}\nexit {exitCode}\n");

    public void Dispose() => folder.Dispose();
}
