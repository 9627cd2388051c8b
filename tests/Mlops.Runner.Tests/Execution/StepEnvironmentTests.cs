using System.Collections;
using Mlops.Pipelines;
using Mlops.Runner.Executors;
using Mlops.Runner.Store;

namespace Mlops.Runner.Tests.Execution;

/// <summary>A step's process gets what a program needs to start and its own env, never the developer's secrets (issue 11, item 10).</summary>
public sealed class StepEnvironmentTests : IDisposable
{
    private readonly RunnerHarness harness = new();

    public void Dispose() => harness.Dispose();

    public sealed class PrintEnvironment : ContainerComponent
    {
        public Output<string> Variables { get; } = new();

        protected override Container Container => new("busybox:1", ["sh", "-c", "env > \"$0\"; echo \"log sees ${MLOPS_TEST_CLOUD_TOKEN:-nothing}\"", Variables.File])
        {
            Env = new Dictionary<string, string> { ["STEP_SETTING"] = "from-the-ir" },
        };
    }

    [Pipeline("print-environment")]
    public sealed class PrintEnvironmentPipeline : Pipeline
    {
        public Output<string> Variables { get; } = new();

        protected override void Build() => SetOutput(Variables, Run(new PrintEnvironment()).Outputs.Variables);
    }

    [Fact]
    public void Only_the_machine_variables_the_passed_names_and_the_steps_own_are_kept()
    {
        var current = new Hashtable
        {
            ["PATH"] = "/usr/bin", ["HOME"] = "/home/dev", ["LC_ALL"] = "C.UTF-8", ["GOOGLE_APPLICATION_CREDENTIALS"] = "/home/dev/key.json",
            ["GITHUB_TOKEN"] = "ghp_secret", ["HF_HOME"] = "/data/hf", [StepEnvironment.PassVariable] = "HF_HOME, CUDA_VISIBLE_DEVICES",
        };
        var target = new Dictionary<string, string?> { ["GITHUB_TOKEN"] = "ghp_secret" };

        StepEnvironment.Apply(target, new Dictionary<string, string> { ["EPOCHS"] = "3" }, current);

        Assert.Equal(["EPOCHS", "HF_HOME", "HOME", "LC_ALL", "PATH"], target.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("3", target["EPOCHS"]);
    }

    [Fact]
    public async Task A_token_in_the_developers_environment_reaches_neither_the_step_nor_its_log()
    {
        Environment.SetEnvironmentVariable("MLOPS_TEST_CLOUD_TOKEN", "ya29.not-for-steps");
        try
        {
            var options = harness.Options(new PrintEnvironmentPipeline());
            var run = await Mlops.Runner.Execution.LocalRunner.RunAsync(options);

            Assert.Equal(RunState.Succeeded, run.State);
            var seen = run.OutputParameters["variables"]!.ToString();
            Assert.DoesNotContain("MLOPS_TEST_CLOUD_TOKEN", seen);
            Assert.Contains("STEP_SETTING=from-the-ir", seen);
            Assert.Contains("PATH=", seen);
            var log = File.ReadAllText(Path.Combine(Mlops.Runner.Execution.LocalRunner.FolderOf(options, run), "tasks", "print-environment", "log.txt"));
            Assert.Contains("log sees nothing", log);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MLOPS_TEST_CLOUD_TOKEN", null);
        }
    }
}
