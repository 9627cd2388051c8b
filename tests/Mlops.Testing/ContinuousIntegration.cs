namespace Mlops.Testing;

/// <summary>Whether the tests run in CI (CI=true, as .ci/run and every CI system set it), where nothing may go unchecked.</summary>
public static class ContinuousIntegration
{
    public static bool IsRunning =>
        Environment.GetEnvironmentVariable("CI") is { } ci && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");
}
