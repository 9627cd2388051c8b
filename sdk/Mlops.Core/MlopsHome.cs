namespace Mlops;

/// <summary>
/// The MLOps home folder, like NuGet's global packages folder: local runs, caches and the built-in <c>local</c>
/// environment's registries. <c>MLOPS_HOME</c> when set, else <c>~/.mlops</c>.
/// </summary>
public sealed class MlopsHome
{
    public const string EnvironmentVariable = "MLOPS_HOME";

    public MlopsHome(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    /// <summary>Local runs, one folder per pipeline and run.</summary>
    public string Runs => Path.Combine(Root, "runs");

    public string Cache => Path.Combine(Root, "cache");

    /// <summary>The content-addressed IR cache of restore.</summary>
    public string IrCache => Path.Combine(Cache, "ir");

    /// <summary>The built-in <c>local</c> environment's registries.</summary>
    public string Registries => Path.Combine(Root, "registries");

    /// <summary>The local environment's stand-in for an image registry when steps run as processes.</summary>
    public string ComponentFolders => Path.Combine(Registries, "components");

    /// <summary><paramref name="root"/> when given, else <see cref="Default"/>.</summary>
    public static MlopsHome At(string? root) => string.IsNullOrEmpty(root) ? Default() : new MlopsHome(root);

    /// <summary><c>MLOPS_HOME</c> when set, else <c>~/.mlops</c>.</summary>
    public static MlopsHome Default() =>
        new(Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".mlops"));
}
