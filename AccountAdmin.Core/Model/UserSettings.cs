namespace AccountAdmin.Core.Model;

/// <summary>Missed-call e-mails for one agent: the team's setting, or an override (seed 001).</summary>
public enum MissedCallEmail
{
    TeamSetting = 1,
    On = 2,
    Off = 3,
}

/// <summary>Where the user arrives after signing in (seed 004).</summary>
public enum LandingPage
{
    Home = 1,
    AccountOverview = 2,
    ManageUsers = 3,
    Profile = 4,
}

/// <summary>The tab a contact's profile opens on (seed 004).</summary>
public enum ContactTab
{
    Overview = 1,
    Activity = 2,
    Calls = 3,
    Notes = 4,
}

/// <summary>
/// A user's Agent Profile, Agent Contact and preferences (seeds 001 and 004). One row per user, made on first
/// change; a user without one has <see cref="UserSettingsValues.Defaults"/>.
/// </summary>
public sealed class UserSettings
{
    private UserSettings() { }

    public UserSettings(Guid userId, UserSettingsValues values, DateTime at)
    {
        UserId = userId;
        Apply(values, at);
    }

    public Guid UserId { get; private set; }
    public string? SalesforceId { get; private set; }
    public string? StripeId { get; private set; }
    public MissedCallEmail MissedCallEmail { get; private set; } = MissedCallEmail.TeamSetting;
    public bool DialAppFirst { get; private set; }
    public bool CallWaiting { get; private set; }
    public int SoftphoneBitrate { get; private set; }
    public string? DirectDialNumber { get; private set; }
    public string? DirectDialExtension { get; private set; }
    public string? SipAddress { get; private set; }
    public LandingPage LandingPage { get; private set; } = LandingPage.Home;
    public ContactTab ContactTab { get; private set; } = ContactTab.Overview;
    public bool ShowCalendar { get; private set; }
    public bool DailyEmailReminders { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public UserSettingsValues Values => new(
        SalesforceId, StripeId, MissedCallEmail, DialAppFirst, CallWaiting, SoftphoneBitrate, DirectDialNumber, DirectDialExtension,
        SipAddress, LandingPage, ContactTab, ShowCalendar, DailyEmailReminders);

    public void Apply(UserSettingsValues values, DateTime at)
    {
        SalesforceId = values.SalesforceId;
        StripeId = values.StripeId;
        MissedCallEmail = values.MissedCallEmail;
        DialAppFirst = values.DialAppFirst;
        CallWaiting = values.CallWaiting;
        SoftphoneBitrate = values.SoftphoneBitrate;
        DirectDialNumber = values.DirectDialNumber;
        DirectDialExtension = values.DirectDialExtension;
        SipAddress = values.SipAddress;
        LandingPage = values.LandingPage;
        ContactTab = values.ContactTab;
        ShowCalendar = values.ShowCalendar;
        DailyEmailReminders = values.DailyEmailReminders;
        UpdatedAt = at;
    }
}

/// <summary>The values of <see cref="UserSettings"/>, as forms and Core exchange them.</summary>
public sealed record UserSettingsValues(
    string? SalesforceId,
    string? StripeId,
    MissedCallEmail MissedCallEmail,
    bool DialAppFirst,
    bool CallWaiting,
    int SoftphoneBitrate,
    string? DirectDialNumber,
    string? DirectDialExtension,
    string? SipAddress,
    LandingPage LandingPage,
    ContactTab ContactTab,
    bool ShowCalendar,
    bool DailyEmailReminders)
{
    /// <summary>The softphone bitrates offered, in kbit/s.</summary>
    public static readonly IReadOnlyList<int> Bitrates = [16, 24, 32, 48, 64];

    public static readonly UserSettingsValues Defaults = new(
        null, null, MissedCallEmail.TeamSetting, DialAppFirst: false, CallWaiting: true, SoftphoneBitrate: 32, null, null, null,
        LandingPage.Home, ContactTab.Overview, ShowCalendar: true, DailyEmailReminders: false);
}
