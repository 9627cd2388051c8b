using System.Net;
using System.Net.Sockets;

namespace Mlops.Testing;

/// <summary>
/// A loopback TCP proxy between a client and a real service that breaks connections the way networks do: after a
/// number of bytes from the client (mid-upload) or from the service (mid-download), it resets both sides, or, with
/// <see cref="Stall"/>, goes silent. The first <see cref="FaultyConnections"/> connections are broken; later ones pass
/// untouched, so a client that retries converges.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint target;
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private int connections;
    private int resets;
    private int stalls;

    public TcpFaultProxy(IPEndPoint target)
    {
        this.target = target;
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary><c>127.0.0.1:PORT</c>: what the client connects to instead of the service.</summary>
    public string Address => $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    public int FaultyConnections { get; set; }

    /// <summary>Bytes the client may send on a faulty connection before it breaks; null: no limit.</summary>
    public long? BreakAfterUploadBytes { get; set; }

    /// <summary>Bytes the service may send on a faulty connection before it breaks; null: no limit.</summary>
    public long? BreakAfterDownloadBytes { get; set; }

    /// <summary>
    /// How a faulty connection breaks: false resets both sides; true stops forwarding in that direction and holds the
    /// connection open (until the proxy is disposed), sending nothing, as a network that silently drops packets does.
    /// </summary>
    public bool Stall { get; set; }

    public int Connections => Volatile.Read(ref connections);

    public int Resets => Volatile.Read(ref resets);

    /// <summary>Connections that went silent (<see cref="Stall"/>).</summary>
    public int Stalls => Volatile.Read(ref stalls);

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            var faulty = Interlocked.Increment(ref connections) <= FaultyConnections;
            _ = RelayAsync(client, faulty);
        }
    }

    private async Task RelayAsync(TcpClient client, bool faulty)
    {
        using var upstream = new TcpClient();
        using (client)
        {
            try
            {
                await upstream.ConnectAsync(target, stop.Token);
                using var broken = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                var up = PumpAsync(client.Client, upstream.Client, faulty ? BreakAfterUploadBytes : null, broken);
                var down = PumpAsync(upstream.Client, client.Client, faulty ? BreakAfterDownloadBytes : null, broken);
                await Task.WhenAll(up, down);
                if (broken.IsCancellationRequested && !stop.IsCancellationRequested)
                {
                    // A reset, not a close: the client sees its connection die mid-message, as on a real network.
                    client.Client.LingerState = new LingerOption(true, 0);
                    upstream.Client.LingerState = new LingerOption(true, 0);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    private async Task PumpAsync(Socket from, Socket to, long? limit, CancellationTokenSource broken)
    {
        var buffer = new byte[16 * 1024];
        long sent = 0;
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, broken.Token);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }
                if (limit is { } max && sent + read > max)
                {
                    await to.SendAsync(buffer.AsMemory(0, (int)Math.Max(0, max - sent)), SocketFlags.None, broken.Token);
                    if (Stall)
                    {
                        // Neither read nor forward: the sender's buffers fill and the receiver waits, with no reset on either side.
                        Interlocked.Increment(ref stalls);
                        await Task.Delay(Timeout.Infinite, stop.Token);
                        return;
                    }
                    Interlocked.Increment(ref resets);
                    await broken.CancelAsync();
                    return;
                }
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, broken.Token);
                sent += read;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            await broken.CancelAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        stop.Dispose();
    }
}
