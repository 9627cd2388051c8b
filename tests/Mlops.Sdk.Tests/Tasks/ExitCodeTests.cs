using Microsoft.Build.Utilities;
using Mlops.Sdk.Tasks;

namespace Mlops.Sdk.Tests.Tasks;

/// <summary>
/// How each task ends after its program exits: 0 succeeds; 1 fails with the problems the program printed; 2 (the program
/// rejected the command line: SDK and program disagree) and a failure without a reported problem each fail with the task's own code.
/// </summary>
public sealed class ExitCodeTests
{
    private readonly RecordingBuildEngine engine = new();

    public static TheoryData<string, int, string> Codes => new()
    {
        { nameof(EmitPipelines), 2, "MLOPS0010" },
        { nameof(EmitPipelines), 134, "MLOPS0013" },
        { nameof(RunSdkTool), 2, "MLOPS0014" },
        { nameof(RunSdkTool), 1, "MLOPS0015" },
        { nameof(RestoreSubPipelines), 2, "MLOPS4051" },
        { nameof(RestoreSubPipelines), 3, "MLOPS4050" },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public void A_rejected_command_line_or_a_silent_failure_is_the_task_s_own_error_on_the_project(string task, int exitCode, string code)
    {
        using var program = FakeProgram.Exiting(exitCode, "echo 'something went wrong'");

        Assert.False(Task(task, program).Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal((code, RecordingBuildEngine.ProjectFile), (error.Code, error.File));
        Assert.Contains($"exit code {exitCode}", error.Message);
    }

    [Theory]
    [InlineData(nameof(EmitPipelines))]
    [InlineData(nameof(RunSdkTool))]
    [InlineData(nameof(RestoreSubPipelines))]
    public void Exit_code_1_fails_with_the_problems_the_program_printed_and_no_other(string task)
    {
        using var program = FakeProgram.Exiting(1, "echo 'error MLOPS3001: Version 1.0.0 is immutable.'");

        Assert.False(Task(task, program).Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(("MLOPS3001", "Version 1.0.0 is immutable."), (error.Code, error.Message));
    }

    [Fact]
    public void Exit_code_0_succeeds_and_keeps_the_output_as_messages()
    {
        using var program = FakeProgram.Exiting(0, "echo 'Publishing 1.0.0 to the local environment:'\necho 'warning MLOPS2025: no model is published.'");
        var task = Task(nameof(RunSdkTool), program);

        Assert.True(task.Execute());

        Assert.Equal(0, task.ExitCode);
        Assert.Empty(engine.Errors);
        Assert.Equal("MLOPS2025", Assert.Single(engine.Warnings).Code);
        Assert.Contains(engine.Messages, m => m.Message == "Publishing 1.0.0 to the local environment:");
    }

    private ToolTask Task(string name, FakeProgram program) => name switch
    {
        nameof(EmitPipelines) => new EmitPipelines { BuildEngine = engine, DotnetHostPath = FakeProgram.Host, AssemblyPath = program.Path, OutputDirectory = "/repos/team/bin/pipelines" },
        nameof(RunSdkTool) => new RunSdkTool { BuildEngine = engine, DotnetHostPath = FakeProgram.Host, ToolAssembly = program.Path, Command = "publish" },
        nameof(RestoreSubPipelines) => new RestoreSubPipelines { BuildEngine = engine, DotnetHostPath = FakeProgram.Host, ToolAssembly = program.Path, OutputDirectory = "/repos/team/obj/mlops/subpipelines" },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
