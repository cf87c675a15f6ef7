namespace AccountAdmin.Core.Users;

/// <summary>Why a change to a user or their membership was refused: one code and message for each rule.</summary>
public static class UserErrors
{
    public static readonly CommandError CannotRemoveSelf = new("CannotRemoveSelf", "You can't remove yourself from an account.");
    public static readonly CommandError CannotSuspendSelf = new("CannotSuspendSelf", "You can't suspend or unsuspend yourself.");
    public static readonly CommandError OwnerRemoval = new(
        "OwnerRemoval", "An Owner can't be removed directly: another Owner asks, and the Owner being removed approves.");
    public static readonly CommandError InvitedOwnerRevoke = new(
        "InvitedOwnerRevoke", "Only another Owner of this account can revoke an Owner's invitation, and an Owner who has signed in must stay.");
    public static readonly CommandError AgencyAdministrator = new(
        "AgencyAdministrator",
        "Agency Administrators can't be removed from a single account. They are removed from all of the agency's accounts at once, from the agency's All Accounts list.");
    public static readonly CommandError RoleAboveActor = new(
        "RoleAboveActor", "This user's role here is above yours, so only someone with that role can restore them.");
    public static readonly CommandError AlreadyRemoved = new("AlreadyRemoved", "This user has already been removed from this account.");
    public static readonly CommandError AlreadyRestored = new("AlreadyRestored", "This user has already been restored to this account.");
    public static readonly CommandError AlreadySuspended = new("AlreadySuspended", "This user is already suspended in this account.");
    public static readonly CommandError NotSuspended = new("NotSuspended", "This user is not suspended in this account.");

    public static readonly CommandError AlreadyMember = new("AlreadyMember", "This user already has a role in this account.");
    public static readonly CommandError RoleNotGrantable = new("RoleNotGrantable", "You can't give a role above your own.", "Role");

    public static readonly CommandError StaleEdit = new(
        "StaleEdit", "Someone else saved changes to this user while you were editing. Their changes are shown now; make yours again and save.");
    public static readonly CommandError ProtectedField = new(
        "ProtectedField",
        "Only the account that created this user, or its agency, can change their name, e-mail, username, phone or password.");

    public static readonly CommandError InvalidEmail = new("InvalidEmail", "Enter a valid e-mail address, such as name@example.com.", "Email");
    public static readonly CommandError FirstNameControl = new("FirstName", "A first name can't contain control characters.", "FirstName");
    public static readonly CommandError FirstNameLength = new("FirstName", "Enter a first name of at most 100 characters.", "FirstName");
    public static readonly CommandError LastNameControl = new("LastName", "A last name can't contain control characters.", "LastName");
    public static readonly CommandError LastNameLength = new("LastName", "Enter a last name of at most 100 characters.", "LastName");
    public static readonly CommandError Phone = new("Phone", "Enter the phone number in international form, such as +14155550123.", "Phone");
    public static readonly CommandError Nickname = new("Nickname", "A nickname has at most 100 characters.", "Nickname");
    public static readonly CommandError PictureTooLarge = new("PictureTooLarge", "Choose a picture smaller than 2 MB.", "Picture");
    public static readonly CommandError PictureNotImage = new(
        "PictureNotImage", "The picture must be a PNG, JPEG or WebP image. This file is not one, whatever its name says.", "Picture");

    public static readonly CommandError SalesforceId = new(
        "SalesforceId", "A Salesforce ID has letters and digits only, such as 0055e000001AbCdAAK.", "Settings.SalesforceId");
    public static readonly CommandError StripeId = new(
        "StripeId", "A Stripe ID has letters, digits and underscores only, such as cus_NffrFeUfNV2Hib.", "Settings.StripeId");
    public static readonly CommandError MissedCallEmail = new("MissedCallEmail", "Choose the team setting, on or off.", "Settings.MissedCallEmail");
    public static readonly CommandError SoftphoneBitrate = new(
        "SoftphoneBitrate", $"Choose a bitrate of {string.Join(", ", Model.UserSettingsValues.Bitrates)} kbit/s.", "Settings.SoftphoneBitrate");
    public static readonly CommandError DirectDialNumber = new(
        "DirectDialNumber", "Enter the number in international form, such as +14155550123.", "Settings.DirectDialNumber");
    public static readonly CommandError DirectDialExtension = new("DirectDialExtension", "An extension has 1 to 10 digits.", "Settings.DirectDialExtension");
    public static readonly CommandError ExtensionWithoutNumber = new(
        "DirectDialExtension", "Enter the direct-dial number the extension belongs to.", "Settings.DirectDialNumber");
    public static readonly CommandError SipAddress = new("SipAddress", "Enter a SIP address such as sip:agent@pbx.example.com.", "Settings.SipAddress");
    public static readonly CommandError LandingPage = new("LandingPage", "Choose a landing page from the list.", "Settings.LandingPage");
    public static readonly CommandError ContactTab = new("ContactTab", "Choose a contact tab from the list.", "Settings.ContactTab");

    public static readonly CommandError NoEmailChange = new(
        "NoEmailChange", "No change of e-mail address is waiting to be confirmed: it was confirmed or cancelled meanwhile.");
    public static readonly CommandError EmailChangeJustSent = new(
        "EmailChangeJustSent", "A link was sent to the new address less than 5 minutes ago. Wait a little before sending another.");
    public static readonly CommandError EmailLinkExpired = new(
        "EmailLinkExpired", "This link has expired, was used already, or a newer change was asked for since. Ask for the change again.");
}
