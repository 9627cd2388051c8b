using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mlops.ContractServers;

/// <summary>
/// A loopback HTTP server (Kestrel on 127.0.0.1) that serves one documented protocol. It records every request
/// (<see cref="Requests"/>) and injects the faults a test queues (<see cref="Faults"/>) before its handlers run.
/// </summary>
public abstract class ContractServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private WebApplication? app;

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>; set once started.</summary>
    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    public FaultPlan Faults { get; } = new();

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    /// <summary>Where the program form writes a line per request (method, path, body length; never a header).</summary>
    public TextWriter? RequestLog { get; set; }

    public async Task StartAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = null;
            k.Listen(System.Net.IPAddress.Loopback, port);
        });
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(f => f.MultipartBodyLengthLimit = long.MaxValue);
        app = builder.Build();
        app.Use(async (context, next) =>
        {
            var request = new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Request.Headers.Authorization.ToString(), context.Request.ContentLength);
            requests.Enqueue(request);
            RequestLog?.WriteLine($"request {request.Method} {request.PathAndQuery} {request.ContentLength ?? 0}");
            if (await Faults.TryInjectAsync(context))
            {
                return;
            }
            await next(context);
        });
        Map(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>Maps the protocol's endpoints.</summary>
    protected abstract void Map(WebApplication app);

    public void ClearRequests() => requests.Clear();

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}
