using System.Collections;

namespace Mlops.Testing;

/// <summary>
/// Environment changes (for <see cref="ChildProcess"/>) that make a child process behave as it does for a user,
/// not as part of the `dotnet test` that started the test host.
/// </summary>
public static class IsolatedEnvironment
{
    /// <summary>
    /// Removes the MSBuild and VSTest variables the test host inherited, which would make a child's build part of
    /// the test host's, and lets no MSBuild node or build server outlive the child.
    /// </summary>
    public static Dictionary<string, string?> WithoutTestHost()
    {
        var variables = Inherited(name => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || name is "DOTNET_HOST_PATH");
        variables["MSBUILDDISABLENODEREUSE"] = "1";
        variables["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        return variables;
    }

    /// <summary>
    /// The dotnet CLI with a NuGet packages folder of its own (a package of the same version cached elsewhere would
    /// hide changes), no first-run messages or telemetry, and English messages.
    /// </summary>
    public static Dictionary<string, string?> Dotnet(string nuGetPackages)
    {
        var variables = WithoutTestHost();
        variables["NUGET_PACKAGES"] = nuGetPackages;
        variables["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        variables["DOTNET_NOLOGO"] = "1";
        variables["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        variables["DOTNET_CLI_UI_LANGUAGE"] = "en";
        return variables;
    }

    /// <summary>pip reads only the index it is given (no pip.conf, no PIP_* variable) and does not look for its own upgrades.</summary>
    public static Dictionary<string, string?> Pip()
    {
        var variables = Inherited(name => name.StartsWith("PIP_", StringComparison.OrdinalIgnoreCase) || name is "PYTHONPATH");
        variables["PIP_CONFIG_FILE"] = OperatingSystem.IsWindows() ? "NUL" : "/dev/null";
        variables["PIP_DISABLE_PIP_VERSION_CHECK"] = "1";
        variables["PIP_NO_INPUT"] = "1";
        return variables;
    }

    /// <summary>Removals of the inherited variables whose names match.</summary>
    private static Dictionary<string, string?> Inherited(Func<string, bool> remove)
    {
        var variables = new Dictionary<string, string?>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && remove(name))
            {
                variables[name] = null;
            }
        }
        return variables;
    }
}
