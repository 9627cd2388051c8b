using Mlops.Sdk.Tests.Support;

namespace Mlops.Sdk.Tests.Tasks;

/// <summary>
/// A stand-in for a program the tasks run: a shell script given as the program (<c>program.dll</c>), with /bin/sh as the
/// "dotnet" host, so the task runs a real process (<c>/bin/sh program.dll VERB ...</c>) that prints what the test says and
/// exits with its code; or, as the SDK's native tool, an executable script the task starts by itself.
/// </summary>
internal sealed class FakeProgram : IDisposable
{
    public const string Host = "/bin/sh";

    private readonly TempFolder folder = new();

    public FakeProgram(string script, bool native = false)
    {
        Path = folder.Write(native ? "program" : "program.dll", native ? "#!/bin/sh\n" + script : script);
        if (native && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string Path { get; }

    /// <summary>Prints each argument after the verb on a line of its own, prefixed with "arg:".</summary>
    public static FakeProgram EchoingArguments(bool native = false) => new("shift\nfor a in \"$@\"; do printf 'arg:%s\\n' \"$a\"; done\n", native);

    public static FakeProgram Exiting(int exitCode, string output = "") => new($"{output}\nexit {exitCode}\n");

    public void Dispose() => folder.Dispose();
}
