using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Tests.Samples;
using static Mlops.Pipelines.Tests.Validation.DiagnosticAssert;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>
/// MLOPS1041 (a resource that is not a Kubernetes quantity), MLOPS1042 (a retry policy that cannot be) and MLOPS1096
/// (an environment variable name no shell or container engine takes).
/// </summary>
public sealed class TaskOptionTests
{
    public sealed class Options : RecordingPipeline
    {
        public string Case { get; init; } = "";

        protected override void Build()
        {
            var prepare = Run(new Prepare { Table = "t" });
            switch (Case)
            {
                case "cpu":
                    At = Line(); prepare.WithCpu("lots");
                    break;
                case "cpu limit":
                    At = Line(); prepare.WithCpuLimit("2 cores");
                    break;
                case "memory":
                    At = Line(); prepare.WithMemory("16GB");
                    break;
                case "memory limit":
                    At = Line(); prepare.WithMemoryLimit("-1Gi");
                    break;
                case "accelerator":
                    At = Line(); prepare.WithAccelerator("", 1);
                    break;
                case "chained on the next line":
                    Run(new Prepare { Table = "u" })
                        .WithCpu("2")
                        .WithMemory("lots"); At = Line();
                    break;
                case "retries":
                    At = Line(); prepare.WithRetries(-1);
                    break;
                case "backoff factor":
                    At = Line(); prepare.WithRetries(3, backoffFactor: 0.5);
                    break;
                case "backoff":
                    At = Line(); prepare.WithRetries(3, backoff: TimeSpan.FromSeconds(-5));
                    break;
                case "env without a name":
                    At = Line(); prepare.WithEnv("", "3");
                    break;
                case "env name with =":
                    At = Line(); prepare.WithEnv("EPOCHS=3", "3");
                    break;
                case "env name with a dash":
                    At = Line(); prepare.WithEnv("log-level", "debug");
                    break;
                case "env name starting with a digit":
                    At = Line(); prepare.WithEnv("1ST_PASS", "yes");
                    break;
            }
        }
    }

    [Theory]
    [InlineData("cpu", ErrorCodes.Pipelines.InvalidResource, "Task 'prepare': 'lots' is not a CPU quantity; write a number of cores (\"2\", \"0.5\") or millicores (\"500m\")")]
    [InlineData("cpu limit", ErrorCodes.Pipelines.InvalidResource, "'2 cores' is not a CPU quantity")]
    [InlineData("memory", ErrorCodes.Pipelines.InvalidResource, "Task 'prepare': '16GB' is not a memory quantity; write e.g. \"16Gi\", \"512Mi\" or \"4G\"")]
    [InlineData("memory limit", ErrorCodes.Pipelines.InvalidResource, "'-1Gi' is not a memory quantity")]
    [InlineData("accelerator", ErrorCodes.Pipelines.InvalidResource, "an accelerator needs a type (e.g. NVIDIA_TESLA_T4)")]
    [InlineData("chained on the next line", ErrorCodes.Pipelines.InvalidResource, "Task 'prepare-2': 'lots' is not a memory quantity")]
    [InlineData("retries", ErrorCodes.Pipelines.InvalidRetry, "Task 'prepare': retries must be 0 or more")]
    [InlineData("backoff factor", ErrorCodes.Pipelines.InvalidRetry, "the backoff factor at least 1")]
    [InlineData("backoff", ErrorCodes.Pipelines.InvalidRetry, "durations positive")]
    [InlineData("env without a name", ErrorCodes.Pipelines.InvalidEnvironmentVariableName, "Task 'prepare': an environment variable has an empty name. Give it a name of letters, digits and _ (e.g. EPOCHS), or remove it.")]
    [InlineData("env name with =", ErrorCodes.Pipelines.InvalidEnvironmentVariableName, "'EPOCHS=3' is not an environment variable name: use letters, digits and _ only, not starting with a digit (e.g. EPOCHS_3)")]
    [InlineData("env name with a dash", ErrorCodes.Pipelines.InvalidEnvironmentVariableName, "(e.g. LOG_LEVEL)")]
    [InlineData("env name starting with a digit", ErrorCodes.Pipelines.InvalidEnvironmentVariableName, "(e.g. _1ST_PASS)")]
    public void A_bad_task_option_is_reported_at_the_With_call(string @case, string code, string message)
    {
        var pipeline = new Options { Case = @case };
        var diagnostic = Single(pipeline.Diagnostics(), code, pipeline.At);
        Assert.Contains(message, diagnostic.Message);
    }

    public sealed class BadlyNamedEnv : ContainerComponent
    {
        protected override Container Container => new("busybox:1", ["true"]) { Env = new Dictionary<string, string> { ["data dir"] = "/data" } };
    }

    [Pipeline("badly-named-env")]
    public sealed class BadlyNamedEnvPipeline : Pipeline
    {
        protected override void Build() => Run(new BadlyNamedEnv());
    }

    [Fact]
    public void A_components_env_name_that_is_not_one_is_reported_at_the_component()
    {
        var diagnostic = Assert.Single(Mlops.Pipelines.Compiler.PipelineCompiler.Compile(new BadlyNamedEnvPipeline(), DiagnosticAssert.Options).Diagnostics,
            d => d.Code == ErrorCodes.Pipelines.InvalidEnvironmentVariableName);

        Assert.Contains("BadlyNamedEnv.Container: 'data dir' is not an environment variable name", diagnostic.Message);
        Assert.Contains("(e.g. DATA_DIR)", diagnostic.Message);
        Assert.EndsWith("TaskOptionTests.cs", diagnostic.Location!.File);
    }
}
