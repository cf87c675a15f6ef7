using System.Threading.Channels;
using AccountAdmin.Core.Sessions;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>
/// Forgot-password requests, handed from the page to <see cref="PasswordResetWorker"/>: the page answers at once and the
/// same whether or not the name belongs to anyone, since looking it up and sending happen after the answer.
/// </summary>
public sealed class PasswordResetQueue
{
    private readonly Channel<(string SignInName, string? ClientIp)> requests =
        Channel.CreateBounded<(string, string?)>(new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.DropOldest });

    public void Enqueue(string signInName, string? clientIp) => requests.Writer.TryWrite((signInName, clientIp));

    public IAsyncEnumerable<(string SignInName, string? ClientIp)> ReadAllAsync(CancellationToken cancellationToken) =>
        requests.Reader.ReadAllAsync(cancellationToken);
}

public sealed class PasswordResetWorker(PasswordResetQueue queue, IServiceScopeFactory scopes, ILogger<PasswordResetWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (name, ip) in queue.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<IPasswordResets>().RequestAsync(name, ip, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One request failing (the database briefly away) loses that e-mail only; the user can ask again.
                    logger.LogError(e, "A password reset request could not be handled.");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
