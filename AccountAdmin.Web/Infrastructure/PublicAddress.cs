using AccountAdmin.Core.Email;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>
/// Where users reach the portal (Portal:PublicUrl), for the links in its e-mails and its passkeys. In Development (and
/// the tests) it defaults to the address the portal listens on, so a portal started with <c>--urls</c> on another port
/// links to itself; elsewhere it must be configured, and the portal refuses to start without it.
/// </summary>
public static class PublicAddress
{
    public const string Missing =
        "Portal:PublicUrl is required outside Development: the address users reach the portal at, such as https://admin.example.com (links in e-mails are made from it).";

    public static void AddPublicAddress(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        if (configuration[$"{PortalAddressOptions.Section}:{nameof(PortalAddressOptions.PublicUrl)}"] is { Length: > 0 })
        {
            return;
        }

        if (environment.IsDevelopment() || environment.IsEnvironment("Testing"))
        {
            var listening = FromListenUrls(configuration[WebHostDefaults.ServerUrlsKey]);
            services.PostConfigure<PortalAddressOptions>(portal => portal.PublicUrl = listening);
        }
        else
        {
            services.AddOptions<PortalAddressOptions>().Validate(_ => false, Missing);
        }
    }

    /// <summary>
    /// The first of the addresses the server listens on (<c>--urls</c>, ASPNETCORE_URLS), a wildcard host written as
    /// localhost; Kestrel's own default when none is given.
    /// </summary>
    public static string FromListenUrls(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return "http://localhost:5000";
        }

        var at = first.IndexOf("://", StringComparison.Ordinal);
        var scheme = at > 0 ? first[..at] : "http";
        var rest = at > 0 ? first[(at + 3)..] : first;
        var colon = rest.LastIndexOf(':');
        var (host, port) = colon > 0 && !rest.EndsWith(']') ? (rest[..colon], rest[(colon + 1)..].TrimEnd('/')) : (rest.TrimEnd('/'), "");
        host = host is "*" or "+" or "0.0.0.0" or "[::]" ? "localhost" : host;
        return port.Length > 0 ? $"{scheme}://{host}:{port}" : $"{scheme}://{host}";
    }
}
