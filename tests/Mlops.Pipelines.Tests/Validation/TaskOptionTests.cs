using Mlops.Pipelines.Diagnostics;
using Mlops.Pipelines.Tests.Samples;
using static Mlops.Pipelines.Tests.Validation.DiagnosticAssert;

namespace Mlops.Pipelines.Tests.Validation;

/// <summary>MLOPS1041 (a resource that is not a Kubernetes quantity) and MLOPS1042 (a retry policy that cannot be).</summary>
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
    public void A_bad_task_option_is_reported_at_the_With_call(string @case, string code, string message)
    {
        var pipeline = new Options { Case = @case };
        var diagnostic = Single(pipeline.Diagnostics(), code, pipeline.At);
        Assert.Contains(message, diagnostic.Message);
    }
}
