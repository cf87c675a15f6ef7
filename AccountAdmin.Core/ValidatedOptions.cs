using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AccountAdmin.Core;

public static class ValidatedOptions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to its configuration section and checks its annotations when the host starts, so a
    /// wrong setting stops the portal with a message naming its key; services take the checked <typeparamref name="T"/> itself.
    /// </summary>
    public static T AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class, new()
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);

        // What the registration itself needs, read the same way.
        return configuration.GetSection(section).Get<T>() ?? new T();
    }
}

/// <summary>How long a set-password link (invitation, restore) works (section "Identity").</summary>
public sealed class LinkOptions
{
    public const string Section = "Identity";

    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:05:00", "30.00:00:00", ErrorMessage = "Identity:LinkLifespan must be between 5 minutes and 30 days.")]
    public TimeSpan LinkLifespan { get; set; } = TimeSpan.FromDays(7);
}
