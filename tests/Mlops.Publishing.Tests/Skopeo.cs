namespace Mlops.Publishing.Tests;

/// <summary>skopeo, the independent client the tests check registries with: its output, or the test fails with its error.</summary>
public static class Skopeo
{
    public static async Task<string> RunAsync(params string[] arguments)
    {
        var result = await ChildProcess.RunAsync("skopeo", arguments);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output;
    }
}
