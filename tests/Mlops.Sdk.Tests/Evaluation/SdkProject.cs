using System.Security;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Execution;
using Mlops.Sdk.Tests.Support;

namespace Mlops.Sdk.Tests.Evaluation;

/// <summary>
/// A team project in a temporary folder that imports the source tree's Sdk/Sdk.props and Sdk/Sdk.targets, as
/// <c>&lt;Project Sdk="Mlops.Sdk"&gt;</c> imports the package's, evaluated (never restored nor built) by the MSBuild
/// of the .NET SDK running the tests. The folder has an empty Directory.Build.props and Directory.Packages.props,
/// so nothing above it applies.
/// </summary>
internal sealed class SdkProject : IDisposable
{
    public const string SdkVersion = "0.0.1-evaluation";

    private readonly TempFolder folder = new();

    public SdkProject(string body = "")
    {
        folder.Write("Directory.Build.props", "<Project />");
        folder.Write("Directory.Packages.props", "<Project />");
        var sdk = SecurityElement.Escape(RepositoryPaths.SdkDirectory);
        Path = folder.Write("Team.csproj", $"""
            <Project>
              <PropertyGroup>
                <MlopsSdkDirectory>{sdk}</MlopsSdkDirectory>
              </PropertyGroup>
              <Import Project="{sdk}Sdk/Sdk.props" />
            {body}
              <Import Project="{sdk}Sdk/Sdk.targets" />
            </Project>
            """);
    }

    public string Path { get; }

    public string Directory => folder.Path;

    /// <summary>Writes a file next to the project.</summary>
    public string Write(string relativePath, string text) => folder.Write(relativePath, text);

    /// <summary>Evaluates the project with MlopsSdkPackageVersion and <paramref name="globalProperties"/> as global properties.</summary>
    public ProjectInstance Evaluate(IReadOnlyDictionary<string, string>? globalProperties = null)
    {
        var globals = new Dictionary<string, string>(globalProperties ?? new Dictionary<string, string>()) { ["MlopsSdkPackageVersion"] = SdkVersion };
        using var collection = new ProjectCollection(globals);
        var project = collection.LoadProject(Path);
        var instance = project.CreateProjectInstance();
        collection.UnloadAllProjects();
        return instance;
    }

    /// <summary>Runs targets that need no restore nor build (checks) of an evaluated project; the codes of the errors they logged.</summary>
    public static IReadOnlyList<string> ErrorsOfTargets(ProjectInstance project, params string[] targets)
    {
        var errors = new ErrorRecorder();
        project.Build(targets, [errors]);
        return errors.Codes;
    }

    public void Dispose() => folder.Dispose();
}
