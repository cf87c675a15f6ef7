using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace AccountAdmin.E2E.Infrastructure;

/// <summary>
/// A load balancer as an operator would put in front of the portal (YARP): each request goes to the next instance in
/// turn, with no affinity, and the proxy counts what each instance answered.
/// </summary>
public sealed class RoundRobinProxy : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ProxiedRequest> log;

    private RoundRobinProxy(WebApplication app, string url, ConcurrentQueue<ProxiedRequest> log)
    {
        this.app = app;
        Url = url;
        this.log = log;
    }

    public string Url { get; }

    /// <summary>Every request so far, with the instance that answered it.</summary>
    public IReadOnlyList<ProxiedRequest> Log => log.ToArray();

    /// <summary>How many requests each instance answered, by its address.</summary>
    public IReadOnlyDictionary<string, int> Answered => Log.CountBy(r => r.Instance).ToDictionary();

    public static async Task<RoundRobinProxy> StartAsync(string url, IReadOnlyList<string> instances)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "portal", ClusterId = "instances", Match = new RouteMatch { Path = "{**path}" } }],
            [
                new ClusterConfig
                {
                    ClusterId = "instances",
                    LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
                    Destinations = instances.ToDictionary(address => address, address => new DestinationConfig { Address = address }),
                },
            ]);

        var app = builder.Build();
        var log = new ConcurrentQueue<ProxiedRequest>();
        app.MapReverseProxy(proxy => proxy.Use(async (context, next) =>
        {
            await next();
            if (context.GetReverseProxyFeature().ProxiedDestination is { } destination)
            {
                log.Enqueue(new ProxiedRequest(
                    context.Request.Path + context.Request.QueryString, destination.DestinationId, context.Response.StatusCode));
            }
        }));
        await app.StartAsync();
        return new RoundRobinProxy(app, url, log);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

public sealed record ProxiedRequest(string PathAndQuery, string Instance, int Status);
