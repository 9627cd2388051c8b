using Mlops.Diagnostics;
using Mlops.Registries;

namespace Mlops.Environments;

/// <summary>Finds an environment by the name the user gave (<c>-p:Environment=NAME</c>).</summary>
public static class EnvironmentResolver
{
    public static MlopsEnvironment Resolve(string name, MlopsHome home)
    {
        if (string.Equals(name, MlopsEnvironment.Local, StringComparison.OrdinalIgnoreCase))
        {
            var registries = new LocalRegistries(home.Registries);
            return new MlopsEnvironment(MlopsEnvironment.Local, $"the local environment ({registries.Root})", registries.AsSet());
        }
        throw new MlopsException(ErrorCodes.Host.UnknownEnvironment,
            $"Environment '{name}' is not known: this version of Mlops.Sdk has only the built-in 'local' environment. Use -p:Environment=local.");
    }
}
