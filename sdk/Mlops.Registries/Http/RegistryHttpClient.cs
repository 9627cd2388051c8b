using System.Net;

namespace Mlops.Registries.Http;

/// <summary>
/// The <see cref="HttpClient"/> every registry client of this library sends through: connection pooling, no cookies,
/// no automatic redirects (a client follows them itself, and never takes an <c>Authorization</c> header to another
/// host), retries of transient faults (<see cref="TransientFaultHandler"/>), each try abandoned when its connection
/// stalls (<see cref="StallDetectionHandler"/>), and an overall timeout sized for large uploads.
/// </summary>
public static class RegistryHttpClient
{
    public const string UserAgent = "Mlops.Sdk";

    public static HttpClient Create(RetrySettings? retries = null, HttpMessageHandler? transport = null)
    {
        transport ??= new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
        };
        retries ??= RetrySettings.Default;
        var client = new HttpClient(new TransientFaultHandler(retries, new StallDetectionHandler(retries.StallTimeout, transport)))
        {
            Timeout = TimeSpan.FromMinutes(30),
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        return client;
    }
}
