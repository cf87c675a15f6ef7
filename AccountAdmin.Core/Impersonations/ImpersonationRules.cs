using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
namespace AccountAdmin.Core.Impersonations;

/// <summary>The facts that decide whether someone may log in as a user, in one account or, for support staff, anywhere.</summary>
public sealed record ImpersonationFacts(
    Guid ActorId,
    bool ActorIsSupport,
    bool ActorImpersonating,
    AccountAccess? ActorAccess,
    Guid TargetId,
    string? TargetName,
    bool TargetIsSupport,
    bool TargetArchived,
    AccountAccess? TargetAccess);

/// <summary>
/// Who may log in as whom (seed 004, DESIGN.md rule 13): Owners and Administrators, only as users of that account who can
/// do nothing there that they cannot; support staff as any customer user, never as another of the staff; nobody from
/// inside an impersonation.
/// </summary>
public static class ImpersonationRules
{
    public const int MaxReason = 500;

    public static readonly CommandError Nested = new(
        "Nested", "You are already logged in as someone else. Return to your own account first.");
    public static readonly CommandError NoSuchUser = new("NoSuchUser", "There is no such user.");
    public static readonly CommandError Self = new("Self", "You can't log in as yourself.");
    public static readonly CommandError SupportStaff = new("SupportStaff", "Nobody can log in as a member of the support staff.");
    public static readonly CommandError NotManaged = new("NotManaged", "You don't manage users in this account, so you can't log in as its users.");
    public static readonly CommandError ReasonRequired = new(
        "ReasonRequired", "Say why you are logging in as this user; the user can read it on their profile.", "Reason");
    public static readonly CommandError ReasonTooLong = new("ReasonTooLong", $"Keep the reason to {MaxReason} characters.", "Reason");

    public static CommandError? Refusal(ImpersonationFacts facts)
    {
        var name = facts.TargetName ?? "This user";
        return facts.ActorImpersonating ? Nested
            : facts.TargetName is null ? NoSuchUser
            : facts.ActorId == facts.TargetId ? Self
            : facts.TargetIsSupport ? SupportStaff
            : facts.TargetArchived ? new("Archived", $"{name} is archived; restore them before logging in as them.")
            : facts.ActorIsSupport ? null
            : facts.ActorAccess?.Has(Permission.ManageUsers) != true ? NotManaged
            : facts.TargetAccess?.Denial == AccessDenial.Suspended ? new("Suspended", $"{name} is suspended in this account.")
            : facts.TargetAccess?.Any != true ? new("NotHere", $"{name} is not a user of this account.")
            : !Covers(facts.ActorAccess, facts.TargetAccess) ? new("Outranks", $"{name} can do things in this account that you can't, so you can't log in as them.")
            : null;
    }

    /// <summary>Whether everything the user may do, the actor may do too.</summary>
    public static bool Covers(AccountAccess actor, AccountAccess user) => !user.Permissions.Except(actor.Permissions).Any();

    public static CommandError? ReasonProblem(string? reason, bool bySupport) =>
        string.IsNullOrWhiteSpace(reason) ? bySupport ? ReasonRequired : null
        : reason.Trim().Length > MaxReason || reason.Any(c => char.IsControl(c) && c is not ('\r' or '\n')) ? ReasonTooLong
        : null;

    /// <summary>What ends a running impersonation at the next request, if anything; checked in this order.</summary>
    public static ImpersonationEnd? Ending(ImpersonationState state, DateTime now) =>
        state.EndedAt is not null ? state.EndReason ?? ImpersonationEnd.Returned
        : !state.ImpersonatorCurrent ? ImpersonationEnd.ImpersonatorSignedOut
        : now >= state.ExpiresAt ? ImpersonationEnd.TimedOut
        : !state.UserCurrent ? ImpersonationEnd.UserLostAccess
        : state.BySupport ? (state.ImpersonatorIsSupport ? null : ImpersonationEnd.ImpersonatorLostPermission)
        : state.UserAccess?.Any != true ? ImpersonationEnd.UserLostAccess
        : state.ImpersonatorAccess?.Has(Permission.ManageUsers) != true || !Covers(state.ImpersonatorAccess, state.UserAccess)
            ? ImpersonationEnd.ImpersonatorLostPermission
        : null;

    public static string Describe(this ImpersonationEnd end) => end switch
    {
        ImpersonationEnd.Returned => "returned",
        ImpersonationEnd.TimedOut => "time limit reached",
        ImpersonationEnd.UserLostAccess => "the user lost their access",
        ImpersonationEnd.ImpersonatorLostPermission => "permission to log in as them ended",
        _ => "signed out",
    };
}

/// <summary>A running impersonation as the check on every request finds it.</summary>
public sealed record ImpersonationState(
    DateTime? EndedAt,
    ImpersonationEnd? EndReason,
    DateTime ExpiresAt,
    bool BySupport,
    bool ImpersonatorCurrent,
    bool ImpersonatorIsSupport,
    bool UserCurrent,
    AccountAccess? ImpersonatorAccess,
    AccountAccess? UserAccess);
