namespace Mlops.Registries.Auth;

/// <summary>The credentials a publish uses unless told otherwise: what docker's config names for the host.</summary>
public static class RegistryCredentials
{
    public static IRegistryCredentialProvider Default() =>
        new CachingCredentialProvider(new ChainedCredentialProvider(new DockerConfigCredentialProvider()));
}
