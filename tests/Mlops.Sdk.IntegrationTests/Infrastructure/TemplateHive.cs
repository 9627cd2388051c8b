namespace Mlops.Sdk.IntegrationTests.Infrastructure;

/// <summary>One template hive for the test run with the packed template pack installed (`dotnet new install`), for tests that only scaffold.</summary>
public static class TemplateHive
{
    private static readonly Lazy<Task<string>> Installed = new(InstallAsync);

    /// <summary>The hive's folder, to pass as `--debug:custom-hive`.</summary>
    public static Task<string> GetAsync() => Installed.Value;

    private static async Task<string> InstallAsync()
    {
        PackedPackages.EnsureFresh();
        var hive = TestRun.NewDirectory("template-hive");
        (await TestRun.Dotnet.RunAsync(hive, ["new", "install", RepositoryLayout.PackagePath("Mlops.Templates"), "--debug:custom-hive", hive])).EnsureSuccess();
        return hive;
    }
}
