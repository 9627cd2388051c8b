using System.Diagnostics.CodeAnalysis;

namespace Mlops.ContractServers;

/// <summary>The servers the program can start, by name.</summary>
public static class Servers
{
    private static readonly Dictionary<string, Func<Options, ContractServer>> Factories = new(StringComparer.Ordinal)
    {
        // Each server adds itself here: ["kfp"] = o => new KfpRegistryServer(o.Storage, ...),
        ["kfp"] = o => new Kfp.KfpRegistryServer(o.Storage, o.User, o.Password, o.AccessToken is null ? [] : [o.AccessToken]),
        ["pypi"] = o => new Python.PythonRegistryServer(o.Storage, o.User, o.Password, o.PathPrefix ?? "/", o.AccessToken),
        ["google"] = Google.GoogleTokenServer.FromOptions,
        ["kfp-backend"] = o => new KfpBackend.KfpBackendServer(o.AccessToken),
        ["vertex"] = Vertex.VertexServer.FromOptions,
        ["gcs"] = o => new Storage.CloudStorageServer(o.Storage, o.AccessToken is null ? [] : [o.AccessToken]),
    };

    public static IEnumerable<string> Names => Factories.Keys.Order(StringComparer.Ordinal);

    public static bool TryCreate(string name, Options options, [NotNullWhen(true)] out ContractServer? server)
    {
        server = Factories.TryGetValue(name, out var create) ? create(options) : null;
        return server is not null;
    }
}
