using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Placements;
using AccountAdmin.Core.Users;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>The optional details New User and the user's page share, besides the agent sections.</summary>
public class UserDetailsInput : AgentInput
{
    [StringLength(100)]
    public string? Nickname { get; set; }

    [StringLength(256)]
    [Display(Name = "Username (optional)")]
    public string? UserName { get; set; }

    [StringLength(20)]
    [Display(Name = "Phone")]
    public string? Phone { get; set; }
}

/// <summary>The Agent Profile, Agent Contact, preferences and access control group fields that New User and the user's page share.</summary>
public class AgentInput
{
    public const string NewSchedule = "new";

    public SettingsInput Settings { get; set; } = new();

    /// <summary>Empty for none, a schedule's id, or <see cref="NewSchedule"/> to make one with the two fields below.</summary>
    public string? ScheduleId { get; set; }

    [StringLength(200)]
    [Display(Name = "New schedule's name")]
    public string? NewScheduleName { get; set; }

    [Display(Name = "Time zone")]
    public string? NewScheduleTimeZone { get; set; } = "America/New_York";

    public List<Guid> GroupIds { get; set; } = [];

    public List<Guid> RoutingIds { get; set; } = [];

    [Display(Name = "Profile picture")]
    public IFormFile? Picture { get; set; }

    [Display(Name = "Remove the picture")]
    public bool RemovePicture { get; set; }

    public AgentPlacement Placement() => new(
        Guid.TryParse(ScheduleId, out var id) ? id : null,
        ScheduleId == NewSchedule ? new NewSchedule(NewScheduleName ?? "", NewScheduleTimeZone ?? "") : null,
        GroupIds,
        RoutingIds);

    /// <summary>The uploaded picture, read no further than one byte past the limit, which is enough for Core to refuse it.</summary>
    public async Task<byte[]?> PictureBytesAsync(CancellationToken cancellationToken)
    {
        if (Picture is not { Length: > 0 })
        {
            return null;
        }

        await using var stream = Picture.OpenReadStream();
        var buffer = new byte[Math.Min(Picture.Length, ProfileRules.MaxPictureBytes + 1)];
        await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return buffer;
    }

    public void Load(UserSettingsValues settings, Guid? scheduleId, IEnumerable<Guid> groupIds, IEnumerable<Guid> routingIds)
    {
        Settings = SettingsInput.From(settings);
        ScheduleId = scheduleId?.ToString();
        GroupIds = [.. groupIds];
        RoutingIds = [.. routingIds];
    }
}

public sealed class SettingsInput
{
    [StringLength(64)]
    [Display(Name = "Salesforce ID")]
    public string? SalesforceId { get; set; }

    [StringLength(64)]
    [Display(Name = "Stripe ID")]
    public string? StripeId { get; set; }

    [Display(Name = "E-mail about missed calls")]
    public MissedCallEmail MissedCallEmail { get; set; } = UserSettingsValues.Defaults.MissedCallEmail;

    [Display(Name = "Dial the app phone first")]
    public bool DialAppFirst { get; set; } = UserSettingsValues.Defaults.DialAppFirst;

    [Display(Name = "Call waiting")]
    public bool CallWaiting { get; set; } = UserSettingsValues.Defaults.CallWaiting;

    [Display(Name = "Bitrate")]
    public int SoftphoneBitrate { get; set; } = UserSettingsValues.Defaults.SoftphoneBitrate;

    [StringLength(20)]
    [Display(Name = "Direct-dial number")]
    public string? DirectDialNumber { get; set; }

    [StringLength(10)]
    [Display(Name = "Extension")]
    public string? DirectDialExtension { get; set; }

    [StringLength(256)]
    [Display(Name = "SIP address")]
    public string? SipAddress { get; set; }

    [Display(Name = "Default landing page")]
    public LandingPage LandingPage { get; set; } = UserSettingsValues.Defaults.LandingPage;

    [Display(Name = "Default contact tab")]
    public ContactTab ContactTab { get; set; } = UserSettingsValues.Defaults.ContactTab;

    [Display(Name = "Show the calendar when calendars are compared")]
    public bool ShowCalendar { get; set; } = UserSettingsValues.Defaults.ShowCalendar;

    [Display(Name = "Daily e-mail reminders")]
    public bool DailyEmailReminders { get; set; } = UserSettingsValues.Defaults.DailyEmailReminders;

    public UserSettingsValues ToValues() => new(
        SalesforceId, StripeId, MissedCallEmail, DialAppFirst, CallWaiting, SoftphoneBitrate, DirectDialNumber, DirectDialExtension,
        SipAddress, LandingPage, ContactTab, ShowCalendar, DailyEmailReminders);

    public static SettingsInput From(UserSettingsValues values) => new()
    {
        SalesforceId = values.SalesforceId,
        StripeId = values.StripeId,
        MissedCallEmail = values.MissedCallEmail,
        DialAppFirst = values.DialAppFirst,
        CallWaiting = values.CallWaiting,
        SoftphoneBitrate = values.SoftphoneBitrate,
        DirectDialNumber = values.DirectDialNumber,
        DirectDialExtension = values.DirectDialExtension,
        SipAddress = values.SipAddress,
        LandingPage = values.LandingPage,
        ContactTab = values.ContactTab,
        ShowCalendar = values.ShowCalendar,
        DailyEmailReminders = values.DailyEmailReminders,
    };
}

/// <summary>What the agent sections show besides the input: the account's schedules and groups, and the current picture.</summary>
public sealed record AgentSectionsView(AccountOptions Options, bool GroupsApply, string? PictureUrl)
{
    /// <summary>Whether the user is, or is being made, a Call Agent: the role routing hands activities to.</summary>
    public bool RoutingApplies { get; init; }

    /// <summary>Whether the user is suspended in this account: they keep their places, but routing hands them nothing.</summary>
    public bool Suspended { get; init; }

    public const string Key = "AgentSections";

    public static IReadOnlyList<string> TimeZones { get; } =
        TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/') || id == "UTC").Order(StringComparer.Ordinal).ToList();

    public static string Describe(LandingPage page) => page switch
    {
        LandingPage.Home => "My accounts",
        LandingPage.AccountOverview => "Account overview",
        LandingPage.ManageUsers => "Manage Users",
        LandingPage.Profile => "My profile",
        _ => page.ToString(),
    };

    public static string Describe(MissedCallEmail setting) => setting switch
    {
        MissedCallEmail.TeamSetting => "As the team setting says",
        MissedCallEmail.On => "On",
        MissedCallEmail.Off => "Off",
        _ => setting.ToString(),
    };
}
