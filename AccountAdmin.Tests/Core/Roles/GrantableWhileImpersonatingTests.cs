using AccountAdmin.Core.Model;
using AccountAdmin.Core.Roles;
using AccountAdmin.Tests.Core.Authorization;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Roles;

/// <summary>
/// +Add Role's accounts, as the user page finds and pages them, for someone logged in as an Owner of several accounts:
/// only the account the impersonation is kept to, whatever the filter or the ticked ids say.
/// </summary>
public abstract class GrantableWhileImpersonatingTests(GeneratedWorldFixture fixture)
{
    [Fact]
    public async Task TheList_HoldsOnlyTheAccountTheImpersonationIsKeptTo()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (main, other, owner, support, agent) = await fixture.WithDataAsync(async data =>
        {
            var agency = await data.AgencyAsync();
            var main = await data.AccountAsync(agency, name: $"Conf{tag} Main");
            var other = await data.AccountAsync(agency, name: $"Conf{tag} Other");
            var owner = await data.MemberAsync(main, AccountRole.Owner);
            await data.GrantAsync(other, owner, AccountRole.Owner);
            var support = await data.UserAsync("support");
            var agent = await data.MemberAsync(main, AccountRole.CallAgent);
            return (main, other, owner, support, agent);
        });
        Task<GrantableList> ListAsync(WorldActor actor, GrantableQuery query) => fixture.RunAsync(async sp =>
        {
            sp.GetRequiredService<TestActor>().Become(actor);
            return (await sp.GetRequiredService<IRoleAssignments>().GetAsync(owner.Id, main.Id, agent.Id, query))!.Grantable;
        });

        var themselves = await ListAsync(new WorldActor(owner.Id, null, null, "owner"), new GrantableQuery(Filter: $"conf{tag}"));
        var loggedInAs = new WorldActor(owner.Id, support.Id, main.Id, "support as owner");
        var confined = await ListAsync(loggedInAs, new GrantableQuery(Filter: $"conf{tag}"));
        var forged = await ListAsync(loggedInAs, new GrantableQuery(Filter: $"conf{tag} other", Chosen: [other.Id]));

        Assert.Equal([main.Id, other.Id], themselves.Page.Select(a => a.AccountId));
        Assert.Equal([main.Id], confined.Page.Select(a => a.AccountId));
        Assert.Equal(1, confined.Matching);
        Assert.Empty(forged.Page);
        Assert.Empty(forged.Chosen);
    }
}

[Collection(GeneratedWorldSqliteCollection.Name)]
public sealed class GrantableWhileImpersonatingSqliteTests(GeneratedWorldSqlite fixture) : GrantableWhileImpersonatingTests(fixture);

[Collection(GeneratedWorldPostgresCollection.Name)]
public sealed class GrantableWhileImpersonatingPostgresTests(GeneratedWorldPostgres fixture) : GrantableWhileImpersonatingTests(fixture);
