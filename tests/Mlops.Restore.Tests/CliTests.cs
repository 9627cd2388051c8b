using Mlops.Sdk.Tool.Restore;
using Mlops.Restore.Tests.Support;

namespace Mlops.Restore.Tests;

/// <summary>The restore tool the SDK's task runs: its reference syntax and what it prints for MSBuild.</summary>
public sealed class CliTests
{
    [Fact]
    public void A_reference_with_any_folder_name_survives_the_command_line()
    {
        var reference = new SubPipelineReference("churn-prediction", "[1.4.*, )", "../team a&b=c/registries", "Churn");

        Assert.True(ReferenceArgument.TryParse(ReferenceArgument.Format(reference), out var parsed, out var error), error);
        Assert.Equal(reference, parsed);
        Assert.False(ReferenceArgument.TryParse("name=a&colour=red", out _, out error));
        Assert.Contains("expected name=NAME&version=RANGE", error);
    }

    [Fact]
    public async Task Problems_are_printed_in_MSBuild_s_canonical_format_and_exit_with_1()
    {
        using var registry = new TestRegistry();
        await registry.PublishAsync<ChurnPrediction>("1.3.0");
        var output = new StringWriter();

        var exit = await RestoreCommand.RunAsync(registry.Request(new SubPipelineReference("churn-prediction", "1.4.*")), output, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.StartsWith($"{registry.ProjectPath}: error MLOPS4011: SubPipelineReference 'churn-prediction': no version", output.ToString());
    }

    [Fact]
    public async Task A_restore_says_what_it_pinned_and_whether_it_asked_a_registry()
    {
        using var registry = new TestRegistry();
        await registry.PublishAsync<ChurnPrediction>("1.4.2");
        var first = new StringWriter();
        var second = new StringWriter();

        Assert.Equal(0, await RestoreCommand.RunAsync(registry.Request(new SubPipelineReference("churn-prediction", "1.4.*")), first, CancellationToken.None));
        Assert.Equal(0, await RestoreCommand.RunAsync(registry.Request(new SubPipelineReference("churn-prediction", "1.4.*")), second, CancellationToken.None));

        Assert.Contains("sub-pipeline churn-prediction 1.4.2 (sha256:", first.ToString());
        Assert.Contains("resolved in its registry -> ChurnPrediction", first.ToString());
        Assert.Contains("lock file written; registries opened: 1.", first.ToString());
        Assert.Contains("from the lock file -> ChurnPrediction", second.ToString());
        Assert.Contains("lock file up to date; registries opened: 0.", second.ToString());
    }
}
