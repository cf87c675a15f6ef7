namespace AccountAdmin.Web.Pages.Profile;

/// <summary>The forms of /profile that post to a page of their own and show /profile again when refused.</summary>
public enum ProfileForm
{
    None,
    Preferences,
    Password,
}
