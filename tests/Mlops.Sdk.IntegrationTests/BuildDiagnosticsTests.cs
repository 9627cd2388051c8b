using System.Text.RegularExpressions;
using Mlops.Sdk.IntegrationTests.Infrastructure;

namespace Mlops.Sdk.IntegrationTests;

/// <summary>Problems fail the build with MLOPSnnnn errors at the right place; design-time builds never emit.</summary>
[Collection(ScaffoldedRepositoryCollection.Name)]
public sealed class BuildDiagnosticsTests(ScaffoldedRepositoryFixture repository, ITestOutputHelper output)
{
    [Fact]
    public async Task Undeclared_image_fails_the_build_at_the_line_that_runs_the_step_and_leaves_no_IR()
    {
        var copy = repository.CopySources("undeclared-image");
        (await TestRun.Dotnet.BuildAsync(copy, output.WriteLine)).EnsureSuccess();
        var pipelines = Path.Combine(copy, "bin", "Debug", "net10.0", "pipelines");
        Assert.NotEmpty(Directory.GetFiles(pipelines, "*.yaml"));

        var step = Path.Combine(copy, "Steps", "Register.cs");
        File.WriteAllText(step, File.ReadAllText(step).Replace("new(\"register\",", "new(\"registry-tool\",", StringComparison.Ordinal));
        var build = await TestRun.Dotnet.BuildAsync(copy, output.WriteLine);

        Assert.NotEqual(0, build.ExitCode);
        var source = Path.Combine(copy, "Pipelines.cs");
        var line = Array.FindIndex(File.ReadAllLines(source), l => l.Contains("Run(new Register", StringComparison.Ordinal)) + 1;
        Assert.Matches(Regex.Escape(source) + $@"\({line},\d+\): error MLOPS1040: .*'registry-tool'", build.Output);
        Assert.Empty(Directory.GetFiles(pipelines, "*.yaml"));
    }

    [Fact]
    public async Task Invalid_image_repository_is_an_MLOPS0001_error_before_anything_is_compiled()
    {
        var copy = repository.CopySources("invalid-repository");

        var build = await TestRun.Dotnet.BuildAsync(copy, output.WriteLine, "-p:MlopsImageRepository=Team/Fraud Models");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(Path.Combine(copy, "Fraud.csproj") + " : error MLOPS0001: MlopsImageRepository 'Team/Fraud Models'", build.Output);
        Assert.False(File.Exists(Path.Combine(copy, "obj", "Debug", "net10.0", "Fraud.dll")));
    }

    [Fact]
    public async Task Design_time_build_generates_the_entry_point_but_never_emits()
    {
        var copy = repository.CopySources("design-time");
        (await TestRun.Dotnet.RunAsync(copy, ["restore"], output.WriteLine)).EnsureSuccess();

        // What an IDE's design-time build asks for: references and the compiler's inputs without running it (as
        // CompileDesignTime does in Visual Studio), never the Build target.
        var build = (await TestRun.Dotnet.RunAsync(copy,
        [
            "msbuild", "-nologo", "-tl:false", "-v:d",
            "-t:ResolveAssemblyReferencesDesignTime;ResolveProjectReferencesDesignTime;Compile",
            "-p:DesignTimeBuild=true", "-p:SkipCompilerExecution=true", "-p:ProvideCommandLineArgs=true",
        ], output.WriteLine)).EnsureSuccess();

        Assert.True(File.Exists(Path.Combine(copy, "obj", "Debug", "net10.0", "MlopsEntryPoint.g.cs")));
        Assert.DoesNotContain("Task \"EmitPipelines\"", build.Output);
        Assert.False(Directory.Exists(Path.Combine(copy, "bin", "Debug", "net10.0", "pipelines")));

        // Even a Build target asked for in a design-time build does not run the program.
        (await TestRun.Dotnet.RunAsync(copy, ["msbuild", "-nologo", "-tl:false", "-t:Build", "-p:DesignTimeBuild=true"], output.WriteLine)).EnsureSuccess();
        Assert.False(Directory.Exists(Path.Combine(copy, "bin", "Debug", "net10.0", "pipelines")));
    }

    [Fact]
    public async Task A_pipeline_program_that_crashes_during_emit_is_an_MLOPS0013_error_on_the_project()
    {
        var copy = repository.CopySources("crash");
        File.WriteAllText(Path.Combine(copy, "Crash.cs"), """
            using Mlops.Pipelines;

            [Pipeline("crash")]
            public sealed class Crash : Pipeline
            {
                protected override void Build() => Environment.Exit(42);
            }
            """);

        var build = await TestRun.Dotnet.BuildAsync(copy, output.WriteLine);

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(Path.Combine(copy, "Fraud.csproj") + " : error MLOPS0013: The pipeline program", build.Output);
        Assert.Contains("exit code 42", build.Output);
    }
}
