namespace Mlops.Registries.Local;

internal static class LocalRegistryDefaults
{
    /// <summary>How long a publish waits for another one to finish. Publishes hold the lock for milliseconds, a large wheel's copy aside.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);

    public const string LockFileName = ".lock";
}
