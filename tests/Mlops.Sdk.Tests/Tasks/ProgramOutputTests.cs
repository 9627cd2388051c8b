namespace Mlops.Sdk.Tests.Tasks;

/// <summary>DotnetVerbTask: the lines a program prints become errors, warnings (with their code and place) or messages.</summary>
public sealed class ProgramOutputTests
{
    private readonly RecordingBuildEngine engine = new();

    [Fact]
    public void A_problem_with_a_location_is_reported_at_that_line_of_that_file()
    {
        new TestVerbTask(engine).Read("/repos/team/Pipelines/Churn.cs(12,5): error MLOPS1003: The input 'Table' is not set.");

        var error = Assert.Single(engine.Errors);
        Assert.Equal(("MLOPS1003", "/repos/team/Pipelines/Churn.cs", 12, 5, "The input 'Table' is not set."),
            (error.Code, error.File, error.LineNumber, error.ColumnNumber, error.Message));
        Assert.Empty(engine.Warnings);
    }

    [Fact]
    public void A_warning_with_a_location_is_a_warning()
    {
        new TestVerbTask(engine).Read("/repos/team/Pipelines/Churn.cs(3,1): warning MLOPS1040: The step has no cache key.");

        var warning = Assert.Single(engine.Warnings);
        Assert.Equal(("MLOPS1040", "/repos/team/Pipelines/Churn.cs", 3), (warning.Code, warning.File, warning.LineNumber));
        Assert.Empty(engine.Errors);
    }

    [Fact]
    public void A_problem_without_a_location_is_reported_on_the_project_not_on_the_tool()
    {
        var task = new TestVerbTask(engine);

        task.Read("error MLOPS2021: There is no succeeded run of 'churn-training'.");
        task.Read("warning MLOPS2025: no model is published.");

        var error = Assert.Single(engine.Errors);
        Assert.Equal(("MLOPS2021", RecordingBuildEngine.ProjectFile, 0, "There is no succeeded run of 'churn-training'."),
            (error.Code, error.File, error.LineNumber, error.Message));
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal(("MLOPS2025", RecordingBuildEngine.ProjectFile, "no model is published."), (warning.Code, warning.File, warning.Message));
    }

    [Fact]
    public void A_problem_links_to_the_section_of_its_code_in_the_docs_beside_the_tasks()
    {
        // In the SDK package the docs are at tasks/netstandard2.0/../../docs; here, the same place relative to the tests' copy.
        var tasks = Path.GetDirectoryName(typeof(Mlops.Sdk.Tasks.DotnetVerbTask).Assembly.Location)!;
        var docs = Directory.CreateDirectory(Path.GetFullPath(Path.Combine(tasks, "..", "..", "docs")));
        var page = Path.Combine(docs.FullName, "diagnostics-host.md");
        File.WriteAllText(page, "| <a id=\"mlops2021\"></a>MLOPS2021 | ... |");
        try
        {
            var task = new TestVerbTask(engine);

            task.Read("error MLOPS2021: There is no succeeded run of 'churn-training'.");
            task.Read("/repos/team/Churn.csproj: warning MLOPS9999: a code no page explains.");

            Assert.Equal(new Uri(page).AbsoluteUri + "#mlops2021", Assert.Single(engine.Errors).HelpLink);
            Assert.Null(Assert.Single(engine.Warnings).HelpLink);
        }
        finally
        {
            File.Delete(page);
        }
    }

    [Fact]
    public void The_project_file_given_to_the_task_is_where_problems_without_a_location_go()
    {
        var task = new TestVerbTask(engine) { ProjectFile = "/repos/other/Other.csproj" };

        task.Read("error MLOPS4011: no version matches.");

        Assert.Equal("/repos/other/Other.csproj", Assert.Single(engine.Errors).File);
    }

    [Theory]
    [InlineData("Mlops: restore done in 12 ms; lock file up to date; registries opened: 0.")]
    [InlineData("Publishing 1.0.0 to the local environment:")]
    [InlineData("Mlops: sub-pipeline churn-prediction 1.4.2 (sha256:ab12) from the lock file -> ChurnPrediction")]
    public void Lines_that_are_not_problems_are_messages(string line)
    {
        new TestVerbTask(engine).Read(line);

        Assert.Empty(engine.Errors);
        Assert.Empty(engine.Warnings);
        Assert.Equal(line, Assert.Single(engine.Messages).Message);
    }
}
