using AccountAdmin.Core.Model;
using AccountAdmin.Tests.Infrastructure;

namespace AccountAdmin.Tests.Web.Pages.Accounts;

/// <summary>The account overview: a Call Agent sees their own schedule, groups and routing there, read only.</summary>
public abstract class OverviewTests(PortalFixture fixture)
{
    [Fact]
    public async Task ACallAgent_SeesTheirScheduleGroupsAndPlaceInTheQueue_AndAnOwnerWithNoneSeesNoSuchSection()
    {
        var (account, agent, owner) = await fixture.WithDataAsync(async data =>
        {
            var account = await data.AccountAsync();
            var first = await data.MemberAsync(account, AccountRole.CallAgent);
            var agent = await data.MemberAsync(account, AccountRole.CallAgent);
            var schedule = new Schedule(account.Id, "Split", "Asia/Tokyo", "Mon 09:00-12:00, 13:00-17:00");
            var group = new AccessControlGroup(account.Id, "Inbound");
            var queue = new RoutingMethod(account.Id, "Sales", RoutingKind.Queue);
            var router = new RoutingMethod(account.Id, "Smart", RoutingKind.SmartRouter);
            data.Db.AddRange(schedule, group, queue, router);
            data.Db.AddRange(
                new ScheduleAssignment(account.Id, agent.Id, schedule.Id), new AccessControlGroupMember(group.Id, agent.Id),
                new RoutingAgent(queue.Id, first.Id, 0), new RoutingAgent(queue.Id, agent.Id, 1), new RoutingAgent(router.Id, agent.Id, 0));
            await data.Db.SaveChangesAsync();
            return (account, agent, await data.MemberAsync(account, AccountRole.Owner));
        });
        using var asAgent = await fixture.SignedInAsync(agent);
        using var asOwner = await fixture.SignedInAsync(owner);

        var page = await asAgent.GetDocumentAsync($"/accounts/{account.Id}");
        var ownerPage = await asOwner.GetDocumentAsync($"/accounts/{account.Id}");

        Assert.Equal("Split: Mon 09:00–12:00, 13:00–17:00 (Asia/Tokyo time)", page.QuerySelector("#work-schedule")!.TextContent.Trim());
        Assert.Equal("Inbound", page.QuerySelector("#work-groups")!.TextContent.Trim());
        Assert.Equal(["Sales · Queue, number 2 in its order", "Smart · Smart Router"],
            page.QuerySelectorAll("#work-routing li").Select(li => string.Join(" ", li.TextContent.Split((char[])null!, StringSplitOptions.RemoveEmptyEntries))));
        Assert.Empty(page.QuerySelectorAll("#work form, #work button"));
        Assert.Null(ownerPage.QuerySelector("#your-work"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OverviewSqliteTests(SqlitePortal fixture) : OverviewTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class OverviewPostgresTests(PostgresPortal fixture) : OverviewTests(fixture);
