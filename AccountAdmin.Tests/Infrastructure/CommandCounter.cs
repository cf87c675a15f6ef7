using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AccountAdmin.Tests.Infrastructure;

/// <summary>
/// Counts the database commands EF runs for one piece of work. The count follows the work's async flow, so tests
/// running at the same time don't add to it. Fixtures register <see cref="Interceptor"/> with the services.
/// </summary>
public static class CommandCounter
{
    private static readonly AsyncLocal<StrongBox<int>?> Current = new();

    public static readonly IInterceptor Interceptor = new Counting();

    /// <summary>Names, in a request's header, the count its commands go to: a request runs in the test server's own flow.</summary>
    private const string Header = "X-Test-Command-Count";

    private static readonly ConcurrentDictionary<string, StrongBox<int>> Requests = new();

    /// <summary>Lets the portal's requests that carry <see cref="Header"/> count their commands.</summary>
    public static readonly IStartupFilter RequestCounting = new CountingStartup();

    /// <summary>The commands the portal runs for the requests <paramref name="work"/> sends through <paramref name="browser"/>.</summary>
    public static async Task<(T Result, int Commands)> CountRequestsAsync<T>(Browser browser, Func<Task<T>> work)
    {
        var id = Guid.NewGuid().ToString("N");
        var count = Requests[id] = new StrongBox<int>();
        browser.Client.DefaultRequestHeaders.Add(Header, id);
        try
        {
            var result = await work();
            return (result, count.Value);
        }
        finally
        {
            browser.Client.DefaultRequestHeaders.Remove(Header);
            Requests.TryRemove(id, out _);
        }
    }

    private sealed class CountingStartup : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, request) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var id) && Requests.TryGetValue(id.ToString(), out var count))
                {
                    Current.Value = count;
                }

                await request(context);
            });
            next(app);
        };
    }

    public static async Task<(T Result, int Commands)> CountAsync<T>(Func<Task<T>> work)
    {
        var count = new StrongBox<int>();
        Current.Value = count;
        try
        {
            var result = await work();
            return (result, count.Value);
        }
        finally
        {
            Current.Value = null;
        }
    }

    private static void Count()
    {
        if (Current.Value is { } count)
        {
            Interlocked.Increment(ref count.Value);
        }
    }

    private sealed class Counting : DbCommandInterceptor
    {
        public override ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }

        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        {
            Count();
            return result;
        }

        public override ValueTask<int> NonQueryExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }

        public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
        {
            Count();
            return result;
        }

        public override ValueTask<object?> ScalarExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }

        public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
        {
            Count();
            return result;
        }
    }
}
