using Mlops.Pipelines;
using Mlops.Pipelines.Compiler;
using Mlops.Pipelines.Ir;
using Mlops.Runner.Execution;
using Mlops.Runner.Executors;
using Mlops.Runner.Store;
using Xunit.Abstractions;

namespace Mlops.Runner.Tests.Containers;

/// <summary>Whole pipelines, compiled from C#, run by LocalRunner with every step in a container of a real engine.</summary>
public sealed class DockerPipelineRunTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_parameter_and_an_artifact_pass_between_two_container_tasks()
    {
        if (TestServices.Require(output) is not { } services) return;
        using var home = new TempFolder("mlops-home-");
        using var executor = new DockerExecutor(services.DockerHost);
        using var timeout = new CancellationTokenSource(Limit);
        var options = new RunOptions
        {
            Pipeline = Compile(new LetterPipeline()),
            Parameters = new Dictionary<string, string> { ["name"] = "container" },
            Executor = executor,
            Home = new MlopsHome(home.Path),
        };

        var run = await LocalRunner.RunAsync(options, timeout.Token);

        var folder = LocalRunner.FolderOf(options, run);
        Describe(run, folder);
        Assert.Equal(RunState.Succeeded, run.State);
        Assert.Equal("docker", run.Executor);
        Assert.Equal(["greet", "read-letter"], run.Tasks.Select(t => t.Path).Order());
        Assert.All(run.Tasks, t => Assert.Equal((TaskState.Succeeded, 0), (t.State, t.ExitCode)));
        Assert.Equal("hello container / Dear container,", run.OutputParameters["summary"]?.GetValue<string>());
        Assert.Equal(2, run.OutputParameters["lines"]!.GetValue<double>()); // a proto Value: numbers are doubles
        var letter = run.OutputArtifacts["letter"];
        Assert.StartsWith(folder, letter);
        Assert.Equal("Dear container,\nthis letter was written in a container.\n", File.ReadAllText(letter));
        Assert.Contains("greeted container", File.ReadAllText(Path.Combine(folder, "tasks", "greet", "log.txt")));
    }

    [Fact]
    public async Task A_step_whose_program_is_not_in_the_image_fails_its_task_and_the_run_says_why()
    {
        if (TestServices.Require(output) is not { } services) return;
        using var home = new TempFolder("mlops-home-");
        using var executor = new DockerExecutor(services.DockerHost);
        using var timeout = new CancellationTokenSource(Limit);
        var options = new RunOptions { Pipeline = Compile(new MissingProgramPipeline()), Executor = executor, Home = new MlopsHome(home.Path) };

        var run = await LocalRunner.RunAsync(options, timeout.Token);

        Describe(run, LocalRunner.FolderOf(options, run));
        Assert.Equal(RunState.Failed, run.State);
        var greet = Assert.Single(run.Tasks, t => t.Path == "greet");
        Assert.Equal(TaskState.Succeeded, greet.State);
        var missing = Assert.Single(run.Tasks, t => t.Path == "missing-program");
        Assert.Equal(TaskState.Failed, missing.State);
        Assert.Contains("train-model", missing.Error);
        Assert.Contains("train-model", run.Error);
    }

    /// <summary>Compiles, then round-trips through the YAML: the runner executes what ships.</summary>
    private static IrFile Compile(Pipeline pipeline)
    {
        var compiled = PipelineCompiler.Compile(pipeline, new CompileOptions { SdkVersion = "mlops-sdk-test" });
        Assert.True(compiled.Succeeded, string.Join('\n', compiled.Diagnostics));
        return IrFile.Parse(compiled.ToYaml(), compiled.Name + ".yaml");
    }

    private void Describe(RunRecord run, string folder)
    {
        output.WriteLine($"run {run.Id}: {run.State} {run.Error} ({folder})");
        foreach (var task in run.Tasks)
        {
            output.WriteLine($"  {task.Path}: {task.State} exit {task.ExitCode} {task.Error}");
        }
    }
}
