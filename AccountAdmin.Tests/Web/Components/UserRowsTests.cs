using AccountAdmin.Core;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Components;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Web.Components;

/// <summary>Manage Users' rows: what each user shows and which actions their row offers to whom.</summary>
public sealed class UserRowsTests : ComponentTestContext
{
    private static readonly Guid Account = Guid.NewGuid();
    private static readonly Guid Me = Guid.NewGuid();

    public UserRowsTests() => Services.AddSingleton(new LinkOptions { LinkLifespan = TimeSpan.FromDays(3) });

    private static UserListRow Row(
        string first, UserStatus status = UserStatus.Active, Guid? id = null, params Grant[] sources) =>
        new(id ?? Guid.NewGuid(), first, "Example", $"{first.ToLowerInvariant()}@example.test", null,
            sources.Length > 0 ? sources[0].EquivalentRole!.Value : AccountRole.CallAgent,
            sources.Length > 0 ? sources : [Grant.Of(AccountRole.CallAgent)], status,
            new DateTime(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc), first.ToLowerInvariant());

    private IRenderedComponent<UserRows> Render(IReadOnlyList<UserListRow> rows, bool impersonating = false, bool canManageOwners = false) =>
        Render<UserRows>(p => p.Add(c => c.Rows, rows).Add(c => c.AccountId, Account).Add(c => c.Me, Me)
            .Add(c => c.Impersonating, impersonating).Add(c => c.CanManageOwners, canManageOwners)
            .Add(c => c.ReturnUrl, $"/accounts/{Account}/users?q=a b"));

    private static IReadOnlyList<string> Actions(IRenderedComponent<UserRows> cut, string name) =>
        cut.FindAll($"tr").Single(r => r.QuerySelector("[data-edit-user]")!.TextContent == $"{name} Example")
            .QuerySelectorAll(".aa-menu-item").Select(a => a.GetAttribute("aria-label")!).ToList();

    [Fact]
    public void EachRow_ShowsTheUser_TheirRoleAndWhereItComesFrom_StatusAndLastSignIn()
    {
        var cut = Render([
            Row("Ann") with { Nickname = "Annie", TwoFactorEnabled = true },
            Row("Dan", sources: [Grant.AdministratorOf("North"), Grant.Of(AccountRole.CallAgent)]),
            Row("Ivy", UserStatus.Invited) with { InvitationSentAt = null, LastSignInAt = null },
        ]);

        var rows = cut.FindAll("tr");
        Assert.Equal(3, rows.Count);
        Assert.Equal($"/accounts/{Account}/users/{rows[0].GetAttribute("data-user-id")}", rows[0].QuerySelector("[data-edit-user]")!.GetAttribute("href"));
        Assert.Equal("2FA", rows[0].QuerySelector("[data-two-factor=on]")!.TextContent);
        Assert.Contains("“Annie”", rows[0].TextContent);
        Assert.Equal("1 Dec 2026, 09:30 UTC", rows[0].QuerySelector("time")!.TextContent);
        Assert.Contains("via Division Administrator of North", rows[1].QuerySelector("[data-label='Role here']")!.TextContent);
        Assert.Contains("also Call Agent", rows[1].QuerySelector("[data-label='Role here']")!.TextContent);
        Assert.Equal(["Invited", "not sent yet"], rows[2].QuerySelector("[data-label=Status]")!.Children.Select(c => c.TextContent.Trim()));
        Assert.Contains("Never", rows[2].TextContent);
    }

    [Fact]
    public void TheActions_FollowTheUsersState()
    {
        var cut = Render([
            Row("Ann"),
            Row("Sam", UserStatus.Suspended),
            Row("Ivy", UserStatus.Invited),
            Row("Olga", sources: Grant.Of(AccountRole.Owner)),
            Row("Dan", sources: Grant.AdministratorOf("North")),
            Row("Mia", id: Me),
        ]);

        Assert.Equal(["Log in as Ann Example", "Suspend Ann Example", "Remove Ann Example"], Actions(cut, "Ann"));
        Assert.Equal(["Unsuspend Sam Example", "Remove Sam Example"], Actions(cut, "Sam"));
        Assert.Equal(["Log in as Ivy Example", "Resend invitation to Ivy Example", "Suspend Ivy Example", "Remove Ivy Example"], Actions(cut, "Ivy"));
        // Only someone who may manage Owners is offered an Owner's removal, and never the plain Remove.
        Assert.Equal(["Log in as Olga Example", "Suspend Olga Example"], Actions(cut, "Olga"));
        // Reached through the division, not a member: nothing here changes them.
        Assert.Equal(["Log in as Dan Example"], Actions(cut, "Dan"));
        Assert.Empty(Actions(cut, "Mia"));
        Assert.Empty(cut.FindAll("tr").Single(r => r.GetAttribute("data-user-id") == Me.ToString()).QuerySelectorAll("details"));

        var suspend = cut.FindAll("a").Single(a => a.GetAttribute("aria-label") == "Suspend Ann Example").GetAttribute("href");
        Assert.EndsWith($"/suspend?returnUrl={Uri.EscapeDataString($"/accounts/{Account}/users?q=a b")}", suspend);
        var unsuspend = cut.FindAll("button").Single(b => b.GetAttribute("aria-label") == "Unsuspend Sam Example");
        Assert.Equal(($"/accounts/{Account}/users?handler=Unsuspend", "userId"), (unsuspend.GetAttribute("formaction"), unsuspend.GetAttribute("name")));
    }

    [Fact]
    public void AnOwnersRemoval_IsOffered_ToWhoeverManagesOwners_AndLoggingInAsNobody_WhileImpersonating()
    {
        var cut = Render([Row("Olga", sources: Grant.Of(AccountRole.Owner)), Row("Ann")], impersonating: true, canManageOwners: true);

        Assert.Equal(["Suspend Olga Example", "Remove Olga Example as Owner"], Actions(cut, "Olga"));
        Assert.Equal(["Suspend Ann Example", "Remove Ann Example"], Actions(cut, "Ann"));
    }
}
