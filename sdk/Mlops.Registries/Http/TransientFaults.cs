using System.Net;
using System.Net.Sockets;
using Mlops.Diagnostics;

namespace Mlops.Registries.Http;

/// <summary>Which failures of an HTTP call are worth another try, and how long the server asked to wait.</summary>
public static class TransientFaults
{
    public static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>A dropped, reset or stalled connection, an early end of the response, a timeout that was not the caller's cancellation.</summary>
    public static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        RegistryException { Code: ErrorCodes.Registries.Stalled } => !cancellationToken.IsCancellationRequested,
        HttpRequestException { StatusCode: { } status } => IsTransient(status),
        HttpRequestException => true,
        IOException or SocketException => true,
        TaskCanceledException when !cancellationToken.IsCancellationRequested => true,
        _ => false,
    };

    /// <summary>The wait a 429 or 503 asked for (<c>Retry-After</c> in seconds or as a date), capped; null when it asked for none.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeSpan cap)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (wait is null)
        {
            return null;
        }
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > cap ? cap : wait;
    }
}
