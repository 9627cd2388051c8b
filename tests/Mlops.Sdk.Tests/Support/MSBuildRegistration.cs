using System.Runtime.CompilerServices;
using Microsoft.Build.Locator;

namespace Mlops.Sdk.Tests.Support;

/// <summary>
/// Loads MSBuild from the .NET SDK that runs the tests, before any test touches an MSBuild type: the packages are
/// referenced without their runtime assets, so without this no Microsoft.Build assembly would load.
/// </summary>
internal static class MSBuildRegistration
{
    [ModuleInitializer]
    internal static void Register()
    {
        if (!MSBuildLocator.IsRegistered)
        {
            MSBuildLocator.RegisterDefaults();
        }
    }
}
