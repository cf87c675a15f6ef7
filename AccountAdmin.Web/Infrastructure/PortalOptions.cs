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

/// <summary>
/// Section "DataProtection". The keys that sign cookies and links are kept in the database, shared by every instance;
/// these settings protect them there, and bring in the keys of an install that kept them in a folder.
/// </summary>
public sealed class KeyStorageOptions : IValidatableObject
{
    public const string Section = "DataProtection";

    /// <summary>Where an older install kept its keys (App_Data/keys when empty): copied into the database once, at start.</summary>
    public string? KeysFolder { get; set; }

    /// <summary>A PKCS#12 (.pfx) certificate that encrypts the keys in the database; without it they are stored as they are.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    public string Folder(IHostEnvironment environment) =>
        KeysFolder is { Length: > 0 } folder ? folder : Path.Combine(environment.ContentRootPath, "App_Data", "keys");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CertificatePath is { Length: > 0 } path && !File.Exists(path))
        {
            yield return new ValidationResult($"DataProtection:CertificatePath names “{path}”, which is not a file.", [nameof(CertificatePath)]);
        }
    }
}
