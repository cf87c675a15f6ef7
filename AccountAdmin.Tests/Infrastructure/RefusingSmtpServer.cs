using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AccountAdmin.Tests.Infrastructure;

/// <summary>
/// An SMTP server that refuses every recipient with the reply given (say, 550 for a mailbox that does not exist, 451
/// for "try again later"), as real servers do; maildev accepts everyone, so the refusals are tested here.
/// </summary>
public sealed class RefusingSmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;

    public RefusingSmtpServer(string recipientReply)
    {
        listener.Start();
        serving = ServeAsync(recipientReply);
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    private async Task ServeAsync(string recipientReply)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                await using var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 refusing.test ESMTP");
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                {
                    var verb = line.Split(' ', ':')[0].ToUpperInvariant();
                    await writer.WriteLineAsync(verb switch
                    {
                        "EHLO" or "HELO" => "250 refusing.test",
                        "RCPT" => recipientReply,
                        "QUIT" => "221 Bye",
                        "MAIL" or "RSET" or "NOOP" => "250 OK",
                        _ => "502 Not implemented",
                    });
                    if (verb == "QUIT")
                    {
                        break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await serving;
        stop.Dispose();
    }
}
