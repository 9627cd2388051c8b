using Mlops.Diagnostics;

namespace Mlops.Environments;

/// <summary>
/// A company's mlops.environments.json: the environments a project publishes to, each with its registries and
/// runner. Reading it checks all of it, and reports every problem at once, each at its line and column.
/// </summary>
public sealed class EnvironmentsFile
{
    public const string FileName = "mlops.environments.json";

    private EnvironmentsFile(string path, IReadOnlyList<EnvironmentDefinition> environments)
    {
        Path = path;
        Environments = environments;
    }

    public string Path { get; }

    /// <summary>The environments in file order.</summary>
    public IReadOnlyList<EnvironmentDefinition> Environments { get; }

    public static EnvironmentsFile Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new EnvironmentsFileException([Diagnostic.Error(ErrorCodes.Environments.FileNotFound,
                $"The environments file {path} does not exist. Create it (the templates scaffold one), or set MlopsEnvironmentsFile to the file's path.")]);
        }
        return Parse(json, path);
    }

    public static EnvironmentsFile Parse(string json, string path)
    {
        var reader = new EnvironmentsFileReader(path);
        var environments = reader.Read(json);
        if (reader.Diagnostics.Count > 0)
        {
            throw new EnvironmentsFileException(reader.Diagnostics);
        }
        return new EnvironmentsFile(path, environments);
    }

    /// <summary>
    /// The nearest environments file in <paramref name="startDirectory"/> or a folder above it, not above the
    /// repository's root (the folder holding .git); null when there is none.
    /// </summary>
    public static string? Find(string startDirectory)
    {
        for (var folder = new DirectoryInfo(startDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = System.IO.Path.Combine(folder.FullName, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
            var git = System.IO.Path.Combine(folder.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return null;
            }
        }
        return null;
    }

    public EnvironmentDefinition Get(string name)
    {
        if (Environments.FirstOrDefault(e => e.Name == name) is { } environment)
        {
            return environment;
        }
        var known = string.Join(", ", Environments.Select(e => $"'{e.Name}'").Append($"'{MlopsEnvironment.Local}' (built in)"));
        var hint = ClosestName.To(name, Environments.Select(e => e.Name)) is { } closest ? $" Did you mean '{closest}'?" : "";
        throw new EnvironmentsFileException([Diagnostic.Error(ErrorCodes.Environments.UnknownEnvironment,
            $"The environment '{name}' is not defined in {Path}.{hint} Use one of: {known}, or add '{name}' to the file.",
            new SourceLocation(Path, 0))]);
    }
}
