using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Mlops.ContractServers;

/// <summary>
/// Faults a test queues for a contract server: the next request that matches answers with a status (and a
/// <c>Retry-After</c>), or has its connection dropped after part of its body was read.
/// </summary>
public sealed class FaultPlan
{
    private readonly ConcurrentQueue<Fault> faults = new();

    /// <summary>The next matching request answers <paramref name="status"/>, with <c>Retry-After</c> in seconds when given.</summary>
    public void Respond(int status, Func<HttpRequest, bool>? when = null, int? retryAfterSeconds = null, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            faults.Enqueue(new Fault(when ?? (_ => true), status, retryAfterSeconds, DropAfterBytes: null));
        }
    }

    /// <summary>The next matching request has its connection aborted after <paramref name="afterBytes"/> bytes of its body were read.</summary>
    public void DropConnection(Func<HttpRequest, bool>? when = null, long afterBytes = 0) =>
        faults.Enqueue(new Fault(when ?? (_ => true), 0, null, afterBytes));

    public int Pending => faults.Count;

    internal async Task<bool> TryInjectAsync(HttpContext context)
    {
        // Faults are tried in order; one that does not match stays queued for a later request.
        foreach (var fault in faults)
        {
            if (!fault.When(context.Request) || !TryRemove(fault))
            {
                continue;
            }
            if (fault.DropAfterBytes is { } bytes)
            {
                var buffer = new byte[8192];
                long read = 0;
                while (read < bytes)
                {
                    var n = await context.Request.Body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, bytes - read)));
                    if (n == 0) break;
                    read += n;
                }
                context.Abort();
                return true;
            }
            context.Response.StatusCode = fault.Status;
            if (fault.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return true;
        }
        return false;
    }

    private bool TryRemove(Fault fault)
    {
        // A ConcurrentQueue cannot remove from the middle: rebuild it without this one.
        var kept = new List<Fault>();
        var removed = false;
        while (faults.TryDequeue(out var f))
        {
            if (!removed && ReferenceEquals(f, fault)) { removed = true; continue; }
            kept.Add(f);
        }
        foreach (var f in kept) faults.Enqueue(f);
        return removed;
    }

    private sealed record Fault(Func<HttpRequest, bool> When, int Status, int? RetryAfterSeconds, long? DropAfterBytes);
}
