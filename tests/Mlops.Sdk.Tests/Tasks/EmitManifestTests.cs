using Mlops.Sdk.Tasks;
using Mlops.Sdk.Tests.Support;

namespace Mlops.Sdk.Tests.Tasks;

/// <summary>
/// MLOPS0016: the emit program exits with 0 but did not get to the end (<c>Environment.Exit(0)</c> in a pipeline's
/// <c>Build()</c>): the manifest it writes last is missing or incomplete, and the task fails instead of "Build succeeded".
/// </summary>
public sealed class EmitManifestTests : IDisposable
{
    private readonly RecordingBuildEngine engine = new();
    private readonly TempFolder folder = new();

    /// <summary>A program that takes <c>--manifest PATH</c> and writes <paramref name="lines"/> into it (none: it writes nothing).</summary>
    private static FakeProgram Writing(params string[] lines) => new(
        "while [ $# -gt 0 ]; do if [ \"$1\" = \"--manifest\" ]; then m=\"$2\"; fi; shift; done\n"
        + (lines.Length == 0 ? "" : $"printf '%s\\n' {string.Join(" ", lines.Select(l => $"'{l}'"))} > \"$m\"\n")
        + "exit 0\n");

    private EmitPipelines Task(FakeProgram program) => new()
    {
        BuildEngine = engine, DotnetHostPath = FakeProgram.Host, AssemblyPath = program.Path,
        OutputDirectory = folder.Path, ManifestFile = System.IO.Path.Combine(folder.Path, "mlops.emit.manifest"),
    };

    public static TheoryData<string[], string> Incomplete => new()
    {
        { [], "did not write" },
        { ["/nowhere/churn.yaml"], "does not end with" },
        { ["/nowhere/churn.yaml", EmitPipelines.CompleteLine], "'/nowhere/churn.yaml', which it reports written, does not exist" },
    };

    [Theory]
    [MemberData(nameof(Incomplete))]
    public void Exit_code_0_without_a_complete_manifest_is_an_error_on_the_project(string[] manifest, string why)
    {
        using var program = Writing(manifest);

        Assert.False(Task(program).Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(("MLOPS0016", RecordingBuildEngine.ProjectFile), (error.Code, error.File));
        Assert.Contains(why, error.Message);
        Assert.Contains("Environment.Exit", error.Message);
        Assert.Contains("throwing an exception instead", error.Message);
    }

    [Fact]
    public void A_complete_manifest_whose_files_exist_succeeds()
    {
        var written = folder.Write("churn.yaml", "pipelineInfo: {name: churn}\n");
        using var program = Writing(written, EmitPipelines.CompleteLine);

        Assert.True(Task(program).Execute());
        Assert.Empty(engine.Errors);
    }

    [Fact]
    public void The_manifest_of_a_previous_emit_does_not_count()
    {
        using var program = Writing();
        var task = Task(program);
        File.WriteAllText(task.ManifestFile, EmitPipelines.CompleteLine + "\n");

        Assert.False(task.Execute());
        Assert.Equal("MLOPS0016", Assert.Single(engine.Errors).Code);
    }

    public void Dispose() => folder.Dispose();
}
