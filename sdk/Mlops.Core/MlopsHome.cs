using Mlops.Diagnostics;

namespace Mlops;

/// <summary>
/// The MLOps home folder, like NuGet's global packages folder: local runs, caches and the built-in <c>local</c>
/// environment's registries. <c>MLOPS_HOME</c> when set, else <c>~/.mlops</c>.
/// </summary>
public sealed class MlopsHome
{
    public const string EnvironmentVariable = "MLOPS_HOME";

    /// <exception cref="MlopsException">MLOPS2051: <paramref name="root"/> is a file, lies under a file, or is not a path.</exception>
    public MlopsHome(string root)
    {
        try
        {
            Root = Path.GetFullPath(root);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw NotAFolder(root, "which is not a path");
        }
        // Every folder of the home is created on first use; a file in the way would surface as a crash there.
        for (var path = Root; path is not null; path = Path.GetDirectoryName(path))
        {
            if (File.Exists(path))
            {
                throw NotAFolder(root, path == Root ? "which is a file, not a folder" : $"which lies under the file '{path}'");
            }
            if (Directory.Exists(path))
            {
                break;
            }
        }
    }

    private static MlopsException NotAFolder(string root, string why) =>
        new(ErrorCodes.Host.HomeNotAFolder,
            $"The MLOps home is '{root.Replace("\0", "\\0")}' ({EnvironmentVariable}, or the home given to the command), {why}: point {EnvironmentVariable} at a folder (it is created when missing), or unset it to use ~/.mlops.");

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
