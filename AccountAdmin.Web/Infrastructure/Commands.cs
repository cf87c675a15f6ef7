using AccountAdmin.Core.Bootstrap;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Model;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>
/// Command-line verbs for installing without demo data:
/// <c>migrate</c>, <c>seed-demo</c>, <c>create-support-user</c> and <c>create-agency</c>.
/// </summary>
public static class Commands
{
    private const string Usage = """
        Usage: AccountAdmin.Web <command> [options]

          migrate                         apply pending database migrations
          seed-demo                       add the demo agencies, accounts and users
          create-support-user --email E --first-name F --last-name L
                                          the first support staff user
          create-agency --agency NAME --account NAME --owner-email E --owner-first-name F --owner-last-name L
                                          an agency with its first account and that account's Owner

        The new user's password is read from standard input (one line).
        """;

    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        var verb = args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('='));
        if (verb is null || verb is not ("migrate" or "seed-demo" or "create-support-user" or "create-agency" or "help"))
        {
            return false;
        }

        if (verb == "help")
        {
            Console.WriteLine(Usage);
            return true;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AccountAdminDbContext>();
        await DatabaseSetup.MigrateAsync(db);
        await KeyFolderImport.ImportAsync(db, services.GetRequiredService<KeyStorageOptions>().Folder(app.Environment));
        var provisioning = services.GetRequiredService<ProvisioningService>();
        try
        {
            // Every option is read before anything changes, and the change is one transaction.
            Func<Task<string>> run = verb switch
            {
                "seed-demo" => async () =>
                {
                    await services.GetRequiredService<DemoData>().SeedAsync();
                    return "Demo data is in place.";
                },
                "create-support-user" => SupportUser(provisioning, Required(args, "--email"), Required(args, "--first-name"), Required(args, "--last-name")),
                "create-agency" => Agency(
                    provisioning, Required(args, "--agency"), Required(args, "--account"),
                    Required(args, "--owner-email"), Required(args, "--owner-first-name"), Required(args, "--owner-last-name")),
                _ => () => Task.FromResult("The database is up to date."),
            };

            await using var transaction = await db.Database.BeginTransactionAsync();
            var message = await run();
            await transaction.CommitAsync();
            Console.WriteLine(message);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + Environment.NewLine + Usage);
            Environment.ExitCode = 2;
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            Environment.ExitCode = 1;
        }

        return true;
    }

    private static Func<Task<string>> SupportUser(ProvisioningService provisioning, string email, string first, string last) => async () =>
    {
        var support = await provisioning.EnsureSupportUserAsync(email, first, last, ReadPassword());
        return $"Support user {support.Email} is ready.";
    };

    private static Func<Task<string>> Agency(
        ProvisioningService provisioning, string agencyName, string accountName, string ownerEmail, string ownerFirst, string ownerLast) => async () =>
    {
        var password = ReadPassword();
        var agency = await provisioning.EnsureAgencyAsync(agencyName);
        var account = await provisioning.EnsureAccountAsync(agency, accountName);
        var owner = await provisioning.EnsureUserAsync(ownerEmail, ownerFirst, ownerLast, password, account.Id);
        await provisioning.EnsureMembershipAsync(account, owner, AccountRole.Owner);
        return $"Agency \"{agency.Name}\" with account \"{account.Name}\" (id {account.Id}) and Owner {owner.Email} is ready.";
    };

    private static string Required(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        if (index < 0 || index + 1 >= args.Length || string.IsNullOrWhiteSpace(args[index + 1]))
        {
            throw new ArgumentException($"Missing {name}.");
        }

        return args[index + 1];
    }

    private static string ReadPassword()
    {
        if (!Console.IsInputRedirected)
        {
            Console.Write("Password: ");
        }

        var password = Console.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            throw new ArgumentException("No password was given on standard input.");
        }

        return password;
    }
}
