namespace Mlops.Restore;

/// <summary>
/// The MLOps home folder, by the rule of <c>Mlops.Runner.Store.MlopsHome</c> (not referenced, to keep the restore tool
/// free of the runner's Docker client): <c>MLOPS_HOME</c> when set, else <c>~/.mlops</c>.
/// </summary>
public static class MlopsHomeDirectory
{
    public static string Resolve() =>
        Path.GetFullPath(Environment.GetEnvironmentVariable("MLOPS_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".mlops"));

    /// <summary>The built-in <c>local</c> environment's registries: <c>HOME/registries</c>.</summary>
    public static string Registries(string home) => Path.Combine(home, "registries");

    /// <summary>The content-addressed IR cache: <c>HOME/cache/ir</c>.</summary>
    public static string IrCache(string home) => Path.Combine(home, "cache", "ir");
}
