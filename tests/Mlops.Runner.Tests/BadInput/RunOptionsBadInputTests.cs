using Mlops.Runner.Execution;
using Mlops.Runner.Tests.Execution;

namespace Mlops.Runner.Tests.BadInput;

/// <summary>Run options that run nothing are refused before anything runs (issue 11: `--parallelism -5` was accepted).</summary>
public sealed class RunOptionsBadInputTests : IDisposable
{
    private readonly RunnerHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task A_parallelism_below_one_is_MLOPS2006_saying_what_to_pass(int parallelism)
    {
        var e = await Assert.ThrowsAsync<RunRequestException>(() => harness.RunAsync(new StepEnvironmentTests.PrintEnvironmentPipeline(), parallelism: parallelism));

        Assert.Equal("MLOPS2006", e.Code);
        Assert.Contains($"--parallelism {parallelism}", e.Message);
        Assert.Contains("pass 1 or more", e.Message);
        Assert.False(Directory.Exists(Path.Combine(harness.Home, "runs")), "nothing may run");
    }
}
