using Mlops.Environments;
using Mlops.Registries.Auth;
using Mlops.Registries.Auth.Google;

namespace Mlops.Backends.Storage;

/// <summary>
/// Where an environment's runs keep their artifacts: Cloud Storage, read with the credentials the user already has
/// (Google application default credentials, impersonating the environment's <c>impersonate</c> account). The
/// documented <c>STORAGE_EMULATOR_HOST</c> (host:port of a Cloud Storage emulator) points it at one instead.
/// </summary>
public static class ArtifactStores
{
    public const string EmulatorHostVariable = "STORAGE_EMULATOR_HOST";

    public static GcsArtifactStore For(EnvironmentDefinition environment, IAccessTokenSource? tokens = null, Func<string, string?>? variables = null)
    {
        var emulator = (variables ?? Environment.GetEnvironmentVariable)(EmulatorHostVariable);
        var options = string.IsNullOrWhiteSpace(emulator)
            ? new GcsArtifactStoreOptions()
            : new GcsArtifactStoreOptions { BaseUri = new Uri((emulator.Contains("://", StringComparison.Ordinal) ? emulator : "http://" + emulator).TrimEnd('/') + "/storage/v1/") };
        return new GcsArtifactStore(tokens ?? new GoogleAccessTokenSource(environment.Impersonate), options);
    }
}
