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

    public static CommandError? Refusal(ImpersonationFacts facts)
    {
        var name = facts.TargetName ?? "This user";
        return facts.ActorImpersonating ? ImpersonationErrors.Nested
            : facts.TargetName is null ? ImpersonationErrors.NoSuchUser
            : facts.ActorId == facts.TargetId ? ImpersonationErrors.Self
            : facts.TargetIsSupport ? ImpersonationErrors.SupportStaff
            : facts.TargetArchived ? ImpersonationErrors.Archived(name)
            : facts.ActorIsSupport ? null
            : facts.ActorAccess?.Has(Permission.ManageUsers) != true ? ImpersonationErrors.NotManaged
            : facts.TargetAccess?.Denial == AccessDenial.Suspended ? ImpersonationErrors.Suspended(name)
            : facts.TargetAccess?.Any != true ? ImpersonationErrors.NotHere(name)
            : !Covers(facts.ActorAccess, facts.TargetAccess) ? ImpersonationErrors.Outranks(name)
            : null;
    }

    /// <summary>Whether everything the user may do, the actor may do too.</summary>
    public static bool Covers(AccountAccess actor, AccountAccess user) => !user.Permissions.Except(actor.Permissions).Any();

    public static CommandError? ReasonProblem(string? reason, bool bySupport) =>
        string.IsNullOrWhiteSpace(reason) ? bySupport ? ImpersonationErrors.ReasonRequired : null
        : reason.Trim().Length > MaxReason || reason.Any(c => char.IsControl(c) && c is not ('\r' or '\n')) ? ImpersonationErrors.ReasonTooLong
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
