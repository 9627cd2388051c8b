using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Mlops.Sdk.Tasks;

namespace Mlops.Sdk.Tests.Tasks;

/// <summary>A <see cref="DotnetVerbTask"/> of no program in particular, whose output lines the tests feed it.</summary>
internal sealed class TestVerbTask : DotnetVerbTask
{
    public TestVerbTask(RecordingBuildEngine engine)
    {
        BuildEngine = engine;
        DotnetHostPath = "dotnet";
    }

    protected override string ProgramPath => "program.dll";

    protected override string Verb => "check";

    protected override (string Code, string Message) RejectedCommandLine => ("TEST0002", "rejected");

    protected override (string Code, string Message) FailedSilently => ("TEST0003", "failed silently");

    /// <summary>One line the program printed, as <see cref="ToolTask"/> hands it over.</summary>
    public void Read(string line) => LogEventsFromTextOutput(line, MessageImportance.High);

    protected override void AppendArguments(CommandLineBuilder builder)
    {
    }
}
