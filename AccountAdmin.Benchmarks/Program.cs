using System.Diagnostics;
using AccountAdmin.Core;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Hosting;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

// seed: the Manage Users and audit log benchmark's database, on SQLite (a file) or PostgreSQL (a connection string, whose
// database is made afresh): 100,000 users over 2,000 accounts by default (or [users] over [accounts]), half of them in
// one account, and 1,000,000 audit events.
// outbox: how fast the outbox worker hands e-mail to an SMTP server, counted by the server (maildev's API).
// create: New User's Core call; create-http: the same as a browser posts it to a running portal over that portal's database.
// signin: sign-ins per second at 16 connections against a running portal, with a password and with an authenticator code.
if (args is ["outbox", var outboxFile, var smtpHost, var smtpPort, var maildevUrl, ..])
{
    return await OutboxBenchmark.RunAsync(outboxFile, smtpHost, int.Parse(smtpPort), maildevUrl, args.Length > 5 ? int.Parse(args[5]) : 2_000);
}

if (args is ["create", var createFile, ..])
{
    return await CreateUserBenchmark.RunAsync(createFile, args.Length > 2 ? int.Parse(args[2]) : 500);
}

if (args is ["create-http", var portalFile, var portalUrl, ..])
{
    return await CreateUserOverHttpBenchmark.RunAsync(
        portalFile, portalUrl, args.Length > 3 ? int.Parse(args[3]) : 500, args.Length > 4 ? args[4] : "New User with invitation, the POST over HTTP");
}

if (args is ["signin", var signInFile, var signInUrl, ..])
{
    return await SignInBenchmark.RunAsync(signInFile, signInUrl, args.Length > 3 ? int.Parse(args[3]) : 20);
}

if (args is ["bulk", var bulkFile])
{
    return await BulkAddBenchmark.RunAsync(bulkFile);
}

if (args is ["totp", var totpKey])
{
    // The current authenticator code for a key, for bench.sh to sign support staff in.
    Console.WriteLine(AccountAdmin.E2E.Infrastructure.Totp.Now(totpKey));
    return 0;
}

if (args is ["divisions", var divisionFile])
{
    return await DivisionBenchmark.RunAsync(divisionFile);
}

if (args is ["settings", var settingsFile])
{
    return await SettingsBenchmark.RunAsync(settingsFile);
}

if (args is not ["seed", var target, ..])
{
    Console.Error.WriteLine("usage: AccountAdmin.Benchmarks seed <sqlite file | postgresql connection string> [users] [accounts] [audit events]\n       AccountAdmin.Benchmarks outbox <sqlite file> <smtp host> <smtp port> <maildev web url> [messages]\n       AccountAdmin.Benchmarks create <sqlite file> [users]\n       AccountAdmin.Benchmarks create-http <sqlite file of the running portal> <portal url> [users] [row name]\n       AccountAdmin.Benchmarks signin <sqlite file of the running portal> <portal url> [seconds]\n       AccountAdmin.Benchmarks bulk <sqlite file>\n       AccountAdmin.Benchmarks divisions <sqlite file>\n       AccountAdmin.Benchmarks settings <sqlite file>");
    return 2;
}

var Users = args.Length > 2 ? int.Parse(args[2]) : 100_000;
var Accounts = args.Length > 3 ? int.Parse(args[3]) : 2_000;
var BigAccountUsers = Users / 2;
var postgres = target.StartsWith("Host=", StringComparison.OrdinalIgnoreCase);
const string OwnerEmail = "bench.owner@bench.test";
const string SupportEmail = "bench.support@bench.test";
var AuditEvents = args.Length > 4 ? int.Parse(args[4]) : 1_000_000;
const string Password = "Bench-Pass-2026!";
const string SupportAuthenticatorKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

string[] firstNames =
[
    "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "Lucas", "Mia", "Mateo", "Amelia", "Levi", "Harper", "Ezra",
    "Evelyn", "Asher", "Luna", "James", "Camila", "Leo", "Gianna", "Henry", "Elizabeth", "Theo", "Eleanor", "Jack", "Ella",
    "Aiden", "Abigail", "Owen", "Sofia", "Samuel", "Avery", "Jacob", "Scarlett", "Ethan", "Emily", "Daniel", "Aria", "Logan",
];
string[] lastNames =
[
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez",
    "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White",
    "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott",
    "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell",
    "Carter", "Roberts", "Okafor", "Kowalski", "Schmidt", "Rossi", "Tanaka", "Novak", "Silva", "Costa", "Dubois", "Jensen",
];

if (postgres)
{
    // A fresh database of the connection string's name, made through the server's own postgres database.
    var builder = new Npgsql.NpgsqlConnectionStringBuilder(target);
    var name = builder.Database ?? throw new InvalidOperationException("The connection string names no database.");
    builder.Database = "postgres";
    builder.Pooling = false;
    await using var server = new Npgsql.NpgsqlConnection(builder.ConnectionString);
    await server.OpenAsync();
    foreach (var sql in new[] { $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", $"CREATE DATABASE \"{name}\"" })
    {
        await using var command = new Npgsql.NpgsqlCommand(sql, server);
        await command.ExecuteNonQueryAsync();
    }
}
else
{
    File.Delete(target);
}

var options = new DbContextOptionsBuilder<AccountAdminDbContext>()
    .UseDatabase(postgres
        ? new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = target }
        : new DatabaseOptions { ConnectionString = $"Data Source={target}" })
    .Options;
await using (var db = new AccountAdminDbContext((DbContextOptions<AccountAdminDbContext>)options))
{
    await DatabaseSetup.MigrateAsync(db);
}

var clock = Stopwatch.StartNew();
var now = DateTime.UtcNow;
var random = new Random(2026);
var hash = new PasswordHasher<AppUser>().HashPassword(null!, Password);
var agency = new Agency("Bench Agency", now);
var accounts = Enumerable.Range(0, Accounts).Select(i => new Account(agency.Id, $"Bench Account {i:D4}", now)).ToList();
await using (var db = new AccountAdminDbContext((DbContextOptions<AccountAdminDbContext>)options))
{
    db.Agencies.Add(agency);
    db.Accounts.AddRange(accounts);
    var owner = NewUser(OwnerEmail, "Bench", "Owner", accounts[0].Id, withPassword: true);
    db.Users.Add(owner);
    db.Memberships.Add(new Membership(accounts[0].Id, owner, AccountRole.Owner, now, null));
    // Agencies have administrators, and they appear in every account's list.
    for (var i = 0; i < 2; i++)
    {
        var admin = NewUser($"agency.admin{i}@bench.test", "Agency", $"Admin{i}", accounts[0].Id, withPassword: true);
        db.Users.Add(admin);
        db.AgencyRoleGrants.Add(new AgencyRoleGrant(agency.Id, admin.Id, AgencyRole.AgencyAdministrator, now, null));
    }

    await db.SaveChangesAsync();
}

for (var batch = 0; batch < Users; batch += 5_000)
{
    await using var db = new AccountAdminDbContext((DbContextOptions<AccountAdminDbContext>)options);
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    for (var i = batch; i < batch + 5_000 && i < Users; i++)
    {
        var first = firstNames[random.Next(firstNames.Length)];
        var last = lastNames[random.Next(lastNames.Length)];
        var account = i < BigAccountUsers ? accounts[0] : accounts[1 + (i - BigAccountUsers) % (Accounts - 1)];
        var user = NewUser($"{first}.{last}.{i}@bench.test".ToLowerInvariant(), first, last, account.Id, withPassword: i % 2 == 0);
        if (i % 3 == 0)
        {
            user.RecordSignIn(now.AddMinutes(-random.Next(1, 500_000)));
        }

        db.Users.Add(user);
        db.Memberships.Add(new Membership(account.Id, user, (AccountRole)(2 + random.Next(5)), now, null));
    }

    await db.SaveChangesAsync();
}

// The audit log: 1,000,000 events a second apart, half of them in the big account, each acted by and on existing users,
// every tenth done by the support user while logged in as someone.
await using (var db = new AccountAdminDbContext((DbContextOptions<AccountAdminDbContext>)options))
{
    var support = NewUser(SupportEmail, "Bench", "Support", accounts[0].Id, withPassword: true);
    support.MakeSupportStaff();
    // Support staff sign in with a second factor: an authenticator app whose key bench.sh is given.
    support.TwoFactorEnabled = true;
    db.Users.Add(support);
    db.Set<IdentityUserToken<Guid>>().Add(new IdentityUserToken<Guid>
    {
        UserId = support.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = SupportAuthenticatorKey,
    });
    await db.SaveChangesAsync();
    var start = now.AddSeconds(-AuditEvents);
    // A million rows in one statement, with the log's six indexes and the users' trigram index to keep, outlast the
    // default 30 seconds on PostgreSQL at 1,000,000 users.
    db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
    if (postgres)
    {
        // The same events as below, by the same arithmetic over the users and accounts in the order they were made
        // (numbered in temporary tables, which live as long as the connection kept open here).
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync(
            """
            CREATE TEMP TABLE bench_users AS SELECT "Id", row_number() OVER (ORDER BY ctid) - 1 AS n FROM "AspNetUsers";
            CREATE TEMP TABLE bench_accounts AS SELECT "Id", row_number() OVER (ORDER BY ctid) - 1 AS n FROM "Accounts";
            CREATE INDEX ON bench_users (n);
            CREATE INDEX ON bench_accounts (n);
            """);
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO "AuditEvents" ("Id", "OccurredAt", "Action", "ActorUserId", "ImpersonatorUserId", "AgencyId", "AccountId", "TargetUserId", "Details", "ClientIp")
            SELECT gen_random_uuid(), {1} + i * interval '1 second',
                   CASE i % 4 WHEN 0 THEN 'membership.granted' WHEN 1 THEN 'user.updated' WHEN 2 THEN 'membership.suspended' ELSE 'session.signed_in' END,
                   actor."Id", CASE WHEN i % 10 = 0 THEN {3} END, {4},
                   CASE WHEN i % 2 = 0 THEN {5} ELSE account."Id" END,
                   target."Id", 'Bench event ' || i, '10.0.0.' || (i % 250)
            FROM generate_series(0, {0} - 1) AS i
            JOIN bench_users AS actor ON actor.n = (i::bigint * 7) % {2}
            JOIN bench_users AS target ON target.n = (i::bigint * 13) % {2}
            JOIN bench_accounts AS account ON account.n = i % {6}
            """,
            AuditEvents, start, Users, support.Id, agency.Id, accounts[0].Id, Accounts);
    }
    else
    {
        await db.Database.ExecuteSqlRawAsync(
            """
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {0} - 1)
            INSERT INTO AuditEvents (Id, OccurredAt, Action, ActorUserId, ImpersonatorUserId, AgencyId, AccountId, TargetUserId, Details, ClientIp)
            SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-A'
                         || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
                   strftime('%Y-%m-%d %H:%M:%S', {1}, '+' || i || ' seconds'),
                   CASE i % 4 WHEN 0 THEN 'membership.granted' WHEN 1 THEN 'user.updated' WHEN 2 THEN 'membership.suspended' ELSE 'session.signed_in' END,
                   (SELECT Id FROM AspNetUsers WHERE rowid = 1 + (i * 7) % {2}),
                   CASE WHEN i % 10 = 0 THEN {3} END,
                   {4},
                   CASE WHEN i % 2 = 0 THEN {5} ELSE (SELECT Id FROM Accounts WHERE rowid = 1 + i % {6}) END,
                   (SELECT Id FROM AspNetUsers WHERE rowid = 1 + (i * 13) % {2}),
                   'Bench event ' || i,
                   '10.0.0.' || (i % 250)
            FROM n
            """,
            AuditEvents, start.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), Users,
            support.Id.ToString().ToUpperInvariant(), agency.Id.ToString().ToUpperInvariant(), accounts[0].Id.ToString().ToUpperInvariant(), Accounts);
    }

    await db.Database.ExecuteSqlRawAsync("ANALYZE;");
}

Console.WriteLine($"Seeded {Users:N0} users over {Accounts:N0} accounts ({BigAccountUsers:N0} in \"{accounts[0].Name}\") and {AuditEvents:N0} audit events in {clock.Elapsed.TotalSeconds:F1} s.");
Console.WriteLine($"account={accounts[0].Id}");
Console.WriteLine($"agency={agency.Id}");
Console.WriteLine($"support_key={SupportAuthenticatorKey}");
return 0;

AppUser NewUser(string email, string first, string last, Guid home, bool withPassword)
{
    var user = new AppUser(email, first, last, now, home)
    {
        NormalizedEmail = email.ToUpperInvariant(),
        NormalizedUserName = email.ToUpperInvariant(),
        EmailConfirmed = true,
        LockoutEnabled = true,
        ConcurrencyStamp = Guid.NewGuid().ToString(),
        PasswordHash = withPassword ? hash : null,
    };
    return user;
}
