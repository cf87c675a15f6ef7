using System.ComponentModel.DataAnnotations;
using System.Net;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>Section "Portal"; its PublicUrl is Core's <see cref="AccountAdmin.Core.Email.PortalAddressOptions"/>.</summary>
public sealed class PortalOptions : IValidatableObject
{
    public const string Section = "Portal";

    /// <summary>Secure-only cookies, HSTS and redirects to HTTPS; on by default outside Development.</summary>
    public bool? RequireHttps { get; set; }

    /// <summary>The port plain-HTTP requests are redirected to when HTTPS is required.</summary>
    [Range(1, 65535, ErrorMessage = "Portal:HttpsPort must be a port, 1 to 65535.")]
    public int HttpsPort { get; set; } = 443;

    /// <summary>Reverse proxies whose X-Forwarded-For is believed.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Seed the demo data at start-up; on by default in Development.</summary>
    public bool? SeedDemoData { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        KnownProxies.Where(p => !IPAddress.TryParse(p, out _))
            .Select(p => new ValidationResult($"Portal:KnownProxies has “{p}”, which is not an IP address.", [nameof(KnownProxies)]));
}

/// <summary>Section "DataProtection": where the keys that sign cookies and links are kept.</summary>
public sealed class KeyStorageOptions
{
    public const string Section = "DataProtection";

    /// <summary>Shared by every instance behind a load balancer; App_Data/keys when empty.</summary>
    public string? KeysFolder { get; set; }
}
