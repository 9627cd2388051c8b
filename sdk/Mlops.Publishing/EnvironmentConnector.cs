using Mlops.Diagnostics;
using Mlops.Environments;
using Mlops.Publishing.Images;
using Mlops.Registries;
using Mlops.Registries.Auth;
using Mlops.Registries.Http;
using Mlops.Registries.Kfp;
using Mlops.Registries.NuGet;
using Mlops.Registries.Oci;
using Mlops.Registries.Python;

namespace Mlops.Publishing;

/// <summary>
/// Connects to an environment by name: the built-in <c>local</c> one, or one of the environments file with clients
/// of its registries (OCI for images, the KFP format for pipelines, twine's protocol for wheels, NuGet's for the
/// NuGet package), authenticated the way the user already is (<see cref="RegistryCredentials.Default"/>).
/// </summary>
public static class EnvironmentConnector
{
    /// <summary>The environment <paramref name="name"/> takes its releases from, or null (always for the built-in <c>local</c>).</summary>
    public static string? PromotesFrom(string name, string? environmentsFile) =>
        string.Equals(name, MlopsEnvironment.Local, StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(environmentsFile)
            ? null
            : EnvironmentsFile.Load(environmentsFile).Get(name).PromotesFrom;

    public static async Task<MlopsEnvironment> ConnectAsync(string name, MlopsHome home, string? environmentsFile, ComponentImageBuilder? engine,
        string workFolder, TextWriter output, CancellationToken cancellationToken)
    {
        if (string.Equals(name, MlopsEnvironment.Local, StringComparison.OrdinalIgnoreCase))
        {
            return EnvironmentResolver.Resolve(name, home);
        }
        if (string.IsNullOrEmpty(environmentsFile))
        {
            throw new MlopsException(ErrorCodes.Host.UnknownEnvironment,
                $"Environment '{name}' is not built in, and no {EnvironmentsFile.FileName} was found above the project. " +
                "Create one (the templates scaffold it), or set MlopsEnvironmentsFile to your company's file; 'local' needs none.");
        }
        var definition = EnvironmentsFile.Load(environmentsFile).Get(name);
        var registries = definition.Registries;
        var credentials = RegistryCredentials.Default(definition.Impersonate);
        var http = RegistryHttpClient.Create();
        var images = ImagesOf(definition, credentials, engine, workFolder, output);
        var set = new RegistrySet(
            new KfpTemplateRegistry(registries.Pipelines!, http, credentials),
            new PythonUploadIndex(registries.Python!, http, credentials),
            registries.NuGet is { } nuget ? await NuGetProtocolFeed.CreateAsync(nuget, credentials, cancellationToken: cancellationToken) : null,
            images);
        return new MlopsEnvironment(definition.Name, $"{definition.Name} ({environmentsFile})", set, definition);
    }

    private static IImageRegistry ImagesOf(EnvironmentDefinition definition, IRegistryCredentialProvider credentials, ComponentImageBuilder? engine,
        string workFolder, TextWriter output)
    {
        var prefix = definition.Registries.Images!;
        var host = prefix.Split('/')[0];
        var client = new OciRegistryClient(host, definition.Registries.ImagesOverPlainHttp, credentials);
        return new OciImageRegistry(prefix, client, engine, Path.Combine(workFolder, "images"), output);
    }
}
