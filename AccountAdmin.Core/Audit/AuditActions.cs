namespace AccountAdmin.Core.Audit;

/// <summary>The names audit events are recorded under.</summary>
public static class AuditActions
{
    public const string SignedIn = "session.signed_in";
    public const string SignInFailed = "session.sign_in_failed";
    public const string LockedOut = "session.locked_out";
    public const string SignedOut = "session.signed_out";
    public const string AgencyCreated = "agency.created";
    public const string AccountCreated = "account.created";
    public const string DivisionCreated = "division.created";
    public const string DivisionUpdated = "division.updated";
    public const string DivisionDeleted = "division.deleted";
    public const string DivisionMemberRemoved = "division.member_removed";
    public const string DivisionAdministratorRemoved = "division.administrator_removed";
    public const string AccountDivisionChanged = "account.division_changed";
    public const string AccountRenamed = "account.renamed";
    public const string UserCreated = "user.created";
    public const string SupportUserCreated = "support_user.created";
    public const string MembershipGranted = "membership.granted";
    public const string AgencyRoleGranted = "agency_role.granted";
    public const string DivisionAdministratorAdded = "division.administrator_added";
    public const string DivisionMemberAdded = "division.member_added";
    public const string PasswordSet = "user.password_set";
    public const string MembershipEnded = "membership.ended";
    public const string MembershipSuspended = "membership.suspended";
    public const string MembershipUnsuspended = "membership.unsuspended";
    public const string UserArchived = "user.archived";
    public const string MembershipRestored = "membership.restored";
    public const string UserRestored = "user.restored";
    public const string OwnerRemovalRequested = "owner_removal.requested";
    public const string OwnerRemovalApproved = "owner_removal.approved";
    public const string OwnerRemovalDeclined = "owner_removal.declined";
    public const string PasswordChanged = "user.password_changed";
    public const string UserUpdated = "user.updated";
    public const string PreferencesUpdated = "user.preferences_updated";
    public const string RoleChanged = "membership.role_changed";
    public const string AgencyRoleRemoved = "agency_role.removed";
    public const string AgencyAdministratorRemoved = "agency_role.administrator_removed";
    public const string BulkAdded = "users.bulk_added";
    public const string InvitationsSent = "users.invitations_sent";
    public const string UsersExported = "users.exported";
    public const string ImpersonationStarted = "impersonation.started";
    public const string ImpersonationEnded = "impersonation.ended";
    public const string ImpersonationRefused = "impersonation.refused";
    public const string ImpersonationActionRefused = "impersonation.action_refused";
    public const string AuditExported = "audit.exported";
    public const string EmailUndeliverable = "email.undeliverable";
    public const string PasswordResetRequested = "user.password_reset_requested";
    public const string PasswordReset = "user.password_reset";
    public const string RateLimited = "sign_in.rate_limited";

    private static readonly Dictionary<string, string> Names = new()
    {
        [SignedIn] = "Signed in",
        [SignInFailed] = "Sign-in failed",
        [LockedOut] = "Locked out",
        [SignedOut] = "Signed out",
        [AgencyCreated] = "Agency created",
        [AccountCreated] = "Account created",
        [AccountRenamed] = "Account renamed",
        [AccountDivisionChanged] = "Account moved to a division",
        [DivisionCreated] = "Division created",
        [DivisionUpdated] = "Division edited",
        [DivisionDeleted] = "Division deleted",
        [DivisionMemberAdded] = "Assigned to a division",
        [DivisionMemberRemoved] = "Taken out of a division",
        [DivisionAdministratorAdded] = "Made Division Administrator",
        [DivisionAdministratorRemoved] = "No longer Division Administrator",
        [UserCreated] = "User created",
        [SupportUserCreated] = "Support user created",
        [MembershipGranted] = "Access given",
        [AgencyRoleGranted] = "Agency role given",
        [PasswordSet] = "Password set",
        [MembershipEnded] = "Removed from the account",
        [MembershipSuspended] = "Suspended",
        [MembershipUnsuspended] = "Unsuspended",
        [UserArchived] = "User archived",
        [MembershipRestored] = "Access restored",
        [UserRestored] = "User restored",
        [OwnerRemovalRequested] = "Asked to step down as Owner",
        [OwnerRemovalApproved] = "Stepped down as Owner",
        [OwnerRemovalDeclined] = "Declined to step down as Owner",
        [PasswordChanged] = "Password changed",
        [UserUpdated] = "Profile edited",
        [PreferencesUpdated] = "Preferences changed",
        [RoleChanged] = "Role changed",
        [AgencyRoleRemoved] = "Agency role taken away",
        [AgencyAdministratorRemoved] = "Agency Administrator removed from all accounts",
        [BulkAdded] = "Bulk Add",
        [InvitationsSent] = "Invitations sent",
        [UsersExported] = "Users exported",
        [AuditExported] = "Audit log exported",
        [ImpersonationStarted] = "Logged in as the user",
        [ImpersonationEnded] = "Returned from the user",
        [ImpersonationRefused] = "Log in as refused",
        [ImpersonationActionRefused] = "Refused while logged in as the user",
        [EmailUndeliverable] = "E-mail undeliverable",
        [PasswordResetRequested] = "Password reset asked for",
        [PasswordReset] = "Password reset",
        [RateLimited] = "Too many sign-in attempts from one address",
    };

    /// <summary>How the audit log names an action to the people reading it.</summary>
    public static string Describe(string action) => Names.GetValueOrDefault(action, action);
}
