using Mlops.Sdk.Tool.Tests.Support;

namespace Mlops.Sdk.Tool.Tests;

/// <summary>Exit code 2: the command line the SDK's targets wrote is not one this tool reads (SDK and tool disagree).</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TeamProject project = new();

    [Theory]
    [InlineData("name=prepare&image=localhost%2Fteam%2Fprepare%3A1.0.0")]
    [InlineData("name=prepare&image=localhost%2Fteam%2Fprepare%3A1.0.0&folder=x&colour=red")]
    [InlineData("name=prepare&image=localhost%2Fteam%2Fprepare&folder=x")]
    public async Task A_malformed_component_is_exit_code_2_and_publishes_nothing(string component)
    {
        var arguments = project.Publish();
        arguments[Array.IndexOf(arguments, "--component") + 1] = component;

        var result = await SdkTool.RunAsync(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"--component '{component}'", result.Error);
        Assert.Empty(project.RegistryFiles());
    }

    [Fact]
    public async Task A_missing_required_option_is_exit_code_2()
    {
        var result = await SdkTool.RunAsync("publish", "--environment", "local", "--home", project.Home);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--version", result.Error);
    }

    [Fact]
    public async Task An_unknown_verb_is_exit_code_2()
    {
        Assert.Equal(2, (await SdkTool.RunAsync("deploy", "--environment", "local")).ExitCode);
    }

    public void Dispose() => project.Dispose();
}
