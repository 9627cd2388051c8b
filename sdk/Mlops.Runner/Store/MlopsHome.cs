namespace Mlops.Runner.Store;

/// <summary>The MLOps home folder (like NuGet's global packages folder): runs, caches and the local registries.</summary>
public sealed class MlopsHome(string root)
{
    public string Root { get; } = Path.GetFullPath(root);
    public string Runs => Path.Combine(Root, "runs");
    public string Cache => Path.Combine(Root, "cache");
    public string Registries => Path.Combine(Root, "registries");

    /// <summary>MLOPS_HOME when set, else <c>~/.mlops</c>.</summary>
    public static MlopsHome Default() =>
        new(Environment.GetEnvironmentVariable("MLOPS_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".mlops"));
}
