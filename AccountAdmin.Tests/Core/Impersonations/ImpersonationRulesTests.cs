using AccountAdmin.Core.Impersonations;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;

namespace AccountAdmin.Tests.Core.Impersonations;

public sealed class ImpersonationRulesTests
{
    private static readonly string[] Roles = ["Owner", "Admin", "Billing", "Report", "CallMgr", "Agent", "AgencyAdmin", "DivAdmin", "Support"];

    // Who may log in as whom in one account: rows are the one logging in, columns the user.
    private static readonly string[] Matrix =
    [
        // Own Adm Bil Rep CMg Agt AgA DvA Sup
        "  Y   Y   Y   Y   Y   Y   N   Y   N", // Owner
        "  N   Y   Y   Y   Y   Y   N   Y   N", // Administrator
        "  N   N   N   N   N   N   N   N   N", // Billing Manager
        "  N   N   N   N   N   N   N   N   N", // Report Manager
        "  N   N   N   N   N   N   N   N   N", // Call Manager
        "  N   N   N   N   N   N   N   N   N", // Call Agent
        "  Y   Y   Y   Y   Y   Y   Y   Y   N", // Agency Administrator
        "  N   Y   Y   Y   Y   Y   N   Y   N", // Division Administrator
        "  Y   Y   Y   Y   Y   Y   Y   Y   N", // support staff
    ];

    public static TheoryData<string, string, bool> Pairs()
    {
        var data = new TheoryData<string, string, bool>();
        for (var actor = 0; actor < Roles.Length; actor++)
        {
            var cells = Matrix[actor].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var user = 0; user < Roles.Length; user++)
            {
                data.Add(Roles[actor], Roles[user], cells[user] == "Y");
            }
        }

        return data;
    }

    private static AccountAccess? AccessOf(string role) => role switch
    {
        "Support" => null,
        "AgencyAdmin" => Evaluate(agencyRoles: [AgencyRole.AgencyAdministrator]),
        "DivAdmin" => Evaluate(divisionAdministrator: true),
        _ => Evaluate(role: role switch
        {
            "Owner" => AccountRole.Owner,
            "Admin" => AccountRole.Administrator,
            "Billing" => AccountRole.BillingManager,
            "Report" => AccountRole.ReportManager,
            "CallMgr" => AccountRole.CallManager,
            _ => AccountRole.CallAgent,
        }),
    };

    private static AccountAccess Evaluate(AccountRole? role = null, AgencyRole[]? agencyRoles = null, bool divisionAdministrator = false) =>
        PermissionRules.Evaluate(new AccessFacts(false, role, role is null ? null : MembershipStatus.Active, agencyRoles ?? [], "East", divisionAdministrator, false));

    private static ImpersonationFacts Facts(string actor, string user) => new(
        Guid.NewGuid(), actor == "Support", false, AccessOf(actor), Guid.NewGuid(), "Una User", user == "Support", false, AccessOf(user));

    [Theory]
    [MemberData(nameof(Pairs))]
    public void EveryPairOfRoles(string actor, string user, bool allowed) =>
        Assert.Equal(allowed, ImpersonationRules.Refusal(Facts(actor, user)) is null);

    [Fact]
    public void Nobody_LogsInAsThemselves_AsAnArchivedUser_OrFromInsideAnImpersonation()
    {
        var me = Guid.NewGuid();
        var owner = AccessOf("Owner");

        Assert.Equal(ImpersonationErrors.Self, ImpersonationRules.Refusal(new(me, false, false, owner, me, "Me", false, false, owner)));
        Assert.Equal("Archived", ImpersonationRules.Refusal(Facts("Support", "Agent") with { TargetArchived = true })!.Code);
        Assert.Equal(ImpersonationErrors.Nested, ImpersonationRules.Refusal(Facts("Support", "Agent") with { ActorImpersonating = true }));
        Assert.Equal(ImpersonationErrors.NoSuchUser, ImpersonationRules.Refusal(Facts("Owner", "Agent") with { TargetName = null }));
    }

    [Fact]
    public void AUserOfAnotherAccountOrAgency_OrSuspendedHere_IsRefused()
    {
        var nothingHere = PermissionRules.Evaluate(new AccessFacts(false, null, null, [], null, false, false));
        var suspended = PermissionRules.Evaluate(new AccessFacts(false, AccountRole.CallAgent, MembershipStatus.Suspended, [], null, false, false));

        Assert.Equal("NotHere", ImpersonationRules.Refusal(Facts("Owner", "Agent") with { TargetAccess = nothingHere })!.Code);
        Assert.Equal("Suspended", ImpersonationRules.Refusal(Facts("Owner", "Agent") with { TargetAccess = suspended })!.Code);
        Assert.Equal(ImpersonationErrors.NotManaged, ImpersonationRules.Refusal(Facts("Owner", "Agent") with { ActorAccess = null }));
    }

    [Theory]
    [InlineData(null, true, "ReasonRequired")]
    [InlineData("  ", true, "ReasonRequired")]
    [InlineData(null, false, null)]
    [InlineData("Ticket 4821", true, null)]
    [InlineData("Bell\a", false, "ReasonTooLong")]
    public void SupportStaff_GiveAReason_OfAtMost500Characters(string? reason, bool bySupport, string? code) =>
        Assert.Equal(code, ImpersonationRules.ReasonProblem(reason, bySupport)?.Code);

    [Fact]
    public void ARunningImpersonation_Ends_OnItsTimeLimit_OnLostAccess_OrLostPermission()
    {
        var now = new DateTime(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
        var running = new ImpersonationState(null, null, now.AddMinutes(5), false, true, false, true, AccessOf("Owner"), AccessOf("Agent"));

        Assert.Null(ImpersonationRules.Ending(running, now));
        Assert.Equal(ImpersonationEnd.TimedOut, ImpersonationRules.Ending(running, now.AddMinutes(5)));
        Assert.Equal(ImpersonationEnd.Returned, ImpersonationRules.Ending(running with { EndedAt = now }, now));
        Assert.Equal(ImpersonationEnd.ImpersonatorSignedOut, ImpersonationRules.Ending(running with { ImpersonatorCurrent = false }, now));
        Assert.Equal(ImpersonationEnd.UserLostAccess, ImpersonationRules.Ending(running with { UserCurrent = false }, now));
        Assert.Equal(ImpersonationEnd.UserLostAccess, ImpersonationRules.Ending(running with { UserAccess = AccountAccess.None(AccessDenial.Suspended) }, now));
        Assert.Equal(ImpersonationEnd.ImpersonatorLostPermission, ImpersonationRules.Ending(running with { ImpersonatorAccess = AccessOf("Agent") }, now));
        Assert.Equal(ImpersonationEnd.ImpersonatorLostPermission, ImpersonationRules.Ending(running with { UserAccess = AccessOf("AgencyAdmin") }, now));
        Assert.Null(ImpersonationRules.Ending(running with { BySupport = true, ImpersonatorIsSupport = true, ImpersonatorAccess = null, UserAccess = null }, now));
        Assert.Equal(ImpersonationEnd.ImpersonatorLostPermission, ImpersonationRules.Ending(running with { BySupport = true, ImpersonatorIsSupport = false }, now));
    }

    [Fact]
    public void TheRefusals_NameTheUser()
    {
        var nothingHere = PermissionRules.Evaluate(new AccessFacts(false, null, null, [], null, false, false));
        var suspended = PermissionRules.Evaluate(new AccessFacts(false, AccountRole.CallAgent, MembershipStatus.Suspended, [], null, false, false));

        Assert.Equal("Una User is archived; restore them before logging in as them.",
            ImpersonationRules.Refusal(Facts("Owner", "Agent") with { TargetArchived = true })!.Message);
        Assert.Equal("Una User is suspended in this account.",
            ImpersonationRules.Refusal(Facts("Owner", "Agent") with { TargetAccess = suspended })!.Message);
        Assert.Equal("Una User is not a user of this account.",
            ImpersonationRules.Refusal(Facts("Owner", "Agent") with { TargetAccess = nothingHere })!.Message);
        Assert.Equal("Una User can do things in this account that you can't, so you can't log in as them.",
            ImpersonationRules.Refusal(Facts("Admin", "Owner"))!.Message);
    }

    [Fact]
    public void AnAdministrator_MayNotLogInAsAUserOfNoAccountHere()
    {
        Assert.Equal("NotHere", ImpersonationRules.Refusal(Facts("Owner", "Agent") with { TargetAccess = null })!.Code);
    }

    [Theory]
    [InlineData(500, null)]
    [InlineData(501, "ReasonTooLong")]
    public void AReason_OfExactly500Characters_IsTaken_WithLineBreaks_AndSpacesAround(int length, string? code)
    {
        var reason = "  Ticket 4821\r\n" + new string('x', length - "Ticket 4821\r\n".Length) + "  ";

        Assert.Equal(code, ImpersonationRules.ReasonProblem(reason, bySupport: true)?.Code);
        Assert.Equal(code, ImpersonationRules.ReasonProblem(reason, bySupport: false)?.Code);
    }

    [Fact]
    public void AnEndedImpersonation_KeepsTheReasonItEndedFor()
    {
        var now = new DateTime(2026, 11, 22, 12, 0, 0, DateTimeKind.Utc);
        var ended = new ImpersonationState(now, ImpersonationEnd.TimedOut, now.AddMinutes(5), false, true, false, true, AccessOf("Owner"), AccessOf("Agent"));

        Assert.Equal(ImpersonationEnd.TimedOut, ImpersonationRules.Ending(ended, now));
        Assert.Equal(ImpersonationEnd.UserLostAccess, ImpersonationRules.Ending(ended with { EndedAt = null, UserAccess = null }, now));
        Assert.Equal(ImpersonationEnd.ImpersonatorLostPermission, ImpersonationRules.Ending(ended with { EndedAt = null, ImpersonatorAccess = null }, now));
    }

    [Theory]
    [InlineData(ImpersonationEnd.Returned, "returned")]
    [InlineData(ImpersonationEnd.TimedOut, "time limit reached")]
    [InlineData(ImpersonationEnd.UserLostAccess, "the user lost their access")]
    [InlineData(ImpersonationEnd.ImpersonatorLostPermission, "permission to log in as them ended")]
    [InlineData(ImpersonationEnd.ImpersonatorSignedOut, "signed out")]
    public void EachEnd_IsDescribedInWords(ImpersonationEnd end, string words) =>
        Assert.Equal(words, end.Describe());
}
