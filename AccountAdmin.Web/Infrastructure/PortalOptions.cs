namespace AccountAdmin.Web.Infrastructure;

public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>The address users reach the portal at, for links in e-mails.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5000";

    /// <summary>Secure-only cookies, HSTS and redirects to HTTPS; on by default outside Development.</summary>
    public bool? RequireHttps { get; set; }

    /// <summary>The port plain-HTTP requests are redirected to when HTTPS is required.</summary>
    public int HttpsPort { get; set; } = 443;

    /// <summary>Reverse proxies whose X-Forwarded-For is believed.</summary>
    public List<string> KnownProxies { get; set; } = [];
}
