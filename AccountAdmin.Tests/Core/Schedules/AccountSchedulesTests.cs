using AccountAdmin.Core;
using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Schedules;
using AccountAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AccountAdmin.Tests.Core.Schedules;

public abstract class AccountSchedulesTests(CoreFixture fixture)
{
    private Task<T> RunAsync<T>(Func<ISchedules, Task<T>> call) => fixture.RunAsync(sp => call(sp.GetRequiredService<ISchedules>()));

    private Task<T> QueryAsync<T>(Func<AccountAdminDbContext, Task<T>> query) =>
        fixture.RunAsync(sp => query(sp.GetRequiredService<AccountAdminDbContext>()));

    private sealed record Scene(Account Account, Account Other, AppUser Owner, AppUser Agent, AppUser Second, AppUser Manager, AppUser OtherOwner);

    private Task<Scene> SceneAsync() => fixture.WithDataAsync(async data =>
    {
        var agency = await data.AgencyAsync();
        var account = await data.AccountAsync(agency);
        var other = await data.AccountAsync(agency);
        return new Scene(account, other,
            await data.MemberAsync(account, AccountRole.Owner),
            await data.MemberAsync(account, AccountRole.CallAgent, "Cara", "Agent"),
            await data.MemberAsync(account, AccountRole.CallAgent, "Dan", "Second"),
            await data.MemberAsync(account, AccountRole.CallManager),
            await data.MemberAsync(other, AccountRole.Owner));
    });

    private static ScheduleInput Input(string? name, string? zone = "Europe/London", params (DayOfWeek Day, string From, string To)[] ranges) =>
        new(name, zone, ranges.GroupBy(r => r.Day).ToDictionary(g => g.Key, g => (IReadOnlyList<(string?, string?)>)g.Select(r => ((string?)r.From, (string?)r.To)).ToList()));

    private Task AssignAsync(Scene s, AppUser user, Guid scheduleId) => QueryAsync(async db =>
    {
        db.ScheduleAssignments.Add(new ScheduleAssignment(s.Account.Id, user.Id, scheduleId));
        await db.SaveChangesAsync();
        return 0;
    });

    [Fact]
    public async Task ASchedule_WithASplitMonday_IsSavedInItsTimeZone_AndEditedLater()
    {
        var s = await SceneAsync();

        var (created, id) = await RunAsync(x => x.CreateAsync(s.Owner.Id, s.Account.Id,
            Input(" Split shift ", "America/New_York", (DayOfWeek.Monday, "13:00", "17:00"), (DayOfWeek.Monday, "08:00", "12:00"), (DayOfWeek.Tuesday, "09:00", "17:00"))));
        var updated = await RunAsync(x => x.UpdateAsync(s.Owner.Id, s.Account.Id, id!.Value, Input("Split shift", "Asia/Tokyo", (DayOfWeek.Saturday, "22:00", "24:00"))));
        var detail = (await RunAsync(x => x.FindAsync(s.Account.Id, id!.Value)))!;

        Assert.True(created.Succeeded);
        Assert.True(updated.Succeeded);
        Assert.Equal(("Split shift", "Asia/Tokyo", "Sat 22:00-24:00"), (detail.Name, detail.TimeZoneId, detail.Hours.ToString()));
        var events = await QueryAsync(db => db.AuditEvents.Where(e => e.AccountId == s.Account.Id && e.Action.StartsWith("schedule.")).OrderBy(e => e.OccurredAt).ToListAsync());
        Assert.Equal([AuditActions.ScheduleCreated, AuditActions.ScheduleUpdated], events.Select(e => e.Action));
        Assert.Equal("Split shift (America/New_York): Mon 08:00–12:00, 13:00–17:00 · Tue 09:00–17:00", events[0].Details);
        Assert.All(events, e => Assert.Equal(s.Owner.Id, e.ActorUserId));
    }

    [Fact]
    public async Task BadInput_IsRefusedAtEachField_AndSavesNothing()
    {
        var s = await SceneAsync();
        await RunAsync(x => x.CreateAsync(s.Owner.Id, s.Account.Id, Input("Weekdays", "UTC", (DayOfWeek.Monday, "09:00", "17:00"))));

        var duplicate = await RunAsync(x => x.CreateAsync(s.Owner.Id, s.Account.Id, Input("WEEKDAYS")));
        var everything = await RunAsync(x => x.CreateAsync(s.Owner.Id, s.Account.Id,
            Input(" ", "Mars/Olympus_Mons", (DayOfWeek.Monday, "17:00", "09:00"), (DayOfWeek.Friday, "09:00", "12:00"), (DayOfWeek.Friday, "11:00", "13:00"))));
        var windowsZone = await RunAsync(x => x.CreateAsync(s.Owner.Id, s.Account.Id, Input("Windows", "Pacific Standard Time")));

        Assert.Equal([ScheduleErrors.DuplicateName], duplicate.Result.Errors);
        Assert.Equal(["Name", "TimeZoneId", "Monday[0].To", "Friday[1].From"], everything.Result.Errors.Select(e => e.Field));
        Assert.Equal([ScheduleErrors.TimeZone], windowsZone.Result.Errors);
        Assert.Equal(["Weekdays"], (await RunAsync(x => x.ListAsync(s.Account.Id))).Select(r => r.Name));
    }

    [Fact]
    public async Task DeletingOneInUse_GivesItsUsersTheReplacement_OrNone_AndAReplacementFromAnotherAccountIsRefused()
    {
        var s = await SceneAsync();
        var (_, early) = await RunAsync(x => x.CreateAsync(s.Owner.Id, s.Account.Id, Input("Early", "UTC", (DayOfWeek.Monday, "06:00", "14:00"))));
        var (_, late) = await RunAsync(x => x.CreateAsync(s.Owner.Id, s.Account.Id, Input("Late", "UTC", (DayOfWeek.Monday, "14:00", "22:00"))));
        var (_, spare) = await RunAsync(x => x.CreateAsync(s.Owner.Id, s.Account.Id, Input("Spare")));
        var (_, foreign) = await RunAsync(x => x.CreateAsync(s.OtherOwner.Id, s.Other.Id, Input("Foreign")));
        await AssignAsync(s, s.Agent, early!.Value);
        await AssignAsync(s, s.Second, late!.Value);
        Assert.Equal([1, 1, 0], (await RunAsync(x => x.ListAsync(s.Account.Id))).Select(r => r.Users));

        var toForeign = await RunAsync(x => x.DeleteAsync(s.Owner.Id, s.Account.Id, early.Value, foreign!.Value));
        var toItself = await RunAsync(x => x.DeleteAsync(s.Owner.Id, s.Account.Id, early.Value, early.Value));
        var toLate = await RunAsync(x => x.DeleteAsync(s.Owner.Id, s.Account.Id, early.Value, late.Value));
        var toNone = await RunAsync(x => x.DeleteAsync(s.Owner.Id, s.Account.Id, spare!.Value, null));
        var lateDetail = (await RunAsync(x => x.FindAsync(s.Account.Id, late.Value)))!;

        Assert.Equal([ScheduleErrors.Replacement], toForeign.Errors);
        Assert.Equal([ScheduleErrors.Replacement], toItself.Errors);
        Assert.True(toLate.Succeeded);
        Assert.True(toNone.Succeeded);
        Assert.Equal(["Cara Agent", "Dan Second"], lateDetail.Users.Select(u => u.Name));
        Assert.Equal(["Late"], (await RunAsync(x => x.ListAsync(s.Account.Id))).Select(r => r.Name));
        Assert.True(await QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.ScheduleAssignmentChanged
            && e.TargetUserId == s.Agent.Id && e.Details == "Early (deleted) → Late")));
        Assert.True(await QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditActions.ScheduleDeleted && e.Details == "Early: 1 user moved to Late")));
    }

    [Fact]
    public async Task EveryCommand_IsRefused_WithoutManageAccountSettings_OrThroughAnotherAccount_AndChangesNothing()
    {
        var s = await SceneAsync();
        var (_, id) = await RunAsync(x => x.CreateAsync(s.Owner.Id, s.Account.Id, Input("Kept", "UTC", (DayOfWeek.Monday, "09:00", "17:00"))));
        var schedule = id!.Value;

        foreach (var actor in new[] { s.Agent, s.Manager })
        {
            Assert.Equal(CommandStatus.Forbidden, (await RunAsync(x => x.CreateAsync(actor.Id, s.Account.Id, Input("Mine")))).Result.Status);
            Assert.Equal(CommandStatus.Forbidden, (await RunAsync(x => x.UpdateAsync(actor.Id, s.Account.Id, schedule, Input("Mine")))).Status);
            Assert.Equal(CommandStatus.Forbidden, (await RunAsync(x => x.DeleteAsync(actor.Id, s.Account.Id, schedule, null))).Status);
        }

        Assert.Equal(CommandStatus.NotFound, (await RunAsync(x => x.UpdateAsync(s.OtherOwner.Id, s.Other.Id, schedule, Input("Mine")))).Status);
        Assert.Equal(CommandStatus.NotFound, (await RunAsync(x => x.DeleteAsync(s.OtherOwner.Id, s.Other.Id, schedule, null))).Status);
        Assert.Null(await RunAsync(x => x.FindAsync(s.Other.Id, schedule)));

        var kept = (await RunAsync(x => x.FindAsync(s.Account.Id, schedule)))!;
        Assert.Equal(("Kept", "Mon 09:00-17:00"), (kept.Name, kept.Hours.ToString()));
    }
}

[Collection(SqliteCoreCollection.Name)]
public sealed class AccountSchedulesSqliteTests(SqliteCore fixture) : AccountSchedulesTests(fixture);

[Collection(PostgresCoreCollection.Name)]
public sealed class AccountSchedulesPostgresTests(PostgresCore fixture) : AccountSchedulesTests(fixture);
