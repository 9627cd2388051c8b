namespace Mlops.Sdk.IntegrationTests.Infrastructure;

/// <summary>
/// One temporary folder per test run, shared by all fixtures: scaffolded repositories, the template hive, and a
/// NuGet global packages folder of its own (a package of the same version cached elsewhere would hide changes).
/// Deleted when the test process exits, unless MLOPS_KEEP_TEST_DIRECTORIES=1.
/// </summary>
public static class TestRun
{
    private static int counter;

    public static string Root { get; } = Create();

    public static string NuGetPackages { get; } = Directory.CreateDirectory(Path.Combine(Root, "nuget-packages")).FullName;

    /// <summary>A new empty folder under the run's root.</summary>
    public static string NewDirectory(string name) =>
        Directory.CreateDirectory(Path.Combine(Root, $"{Interlocked.Increment(ref counter):D2}-{name}")).FullName;

    private static string Create()
    {
        var root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "mlops-it-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        if (Environment.GetEnvironmentVariable("MLOPS_KEEP_TEST_DIRECTORIES") != "1")
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    Directory.Delete(root, recursive: true);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            };
        }
        return root;
    }
}
