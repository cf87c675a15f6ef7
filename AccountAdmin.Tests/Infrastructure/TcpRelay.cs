using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace AccountAdmin.Tests.Infrastructure;

/// <summary>
/// A loopback port that passes every connection through to <paramref name="target"/>'s, byte for byte, and can cut
/// them all at once: a server closing its connections (an idle timeout, a restart), as the sender meets it.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<TcpClient, TcpClient> open = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private int connections;

    public TcpRelay(int target)
    {
        listener.Start();
        accepting = AcceptAsync(target);
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Connections made through the relay so far.</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>Closes every connection open now, on both sides.</summary>
    public void DropAll()
    {
        foreach (var (client, server) in open)
        {
            client.Dispose();
            server.Dispose();
            open.TryRemove(client, out _);
        }
    }

    private async Task AcceptAsync(int target)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref connections);
            var server = new TcpClient();
            await server.ConnectAsync(IPAddress.Loopback, target);
            open[client] = server;
            _ = PipeAsync(client, server);
        }
    }

    private async Task PipeAsync(TcpClient client, TcpClient server)
    {
        try
        {
            await Task.WhenAny(
                client.GetStream().CopyToAsync(server.GetStream(), stop.Token),
                server.GetStream().CopyToAsync(client.GetStream(), stop.Token));
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
        }
        finally
        {
            open.TryRemove(client, out _);
            client.Dispose();
            server.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        DropAll();
        await accepting;
        stop.Dispose();
    }
}
