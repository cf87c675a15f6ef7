using AccountAdmin.Core.Model;

namespace AccountAdmin.Core.Bootstrap;

/// <summary>The demo installation of DESIGN.md: every role at once, and a second agency to cross into.</summary>
public sealed class DemoData(ProvisioningService provisioning)
{
    public const string Password = "Demo-Pass-2026!";

    private static readonly string[] FirstNames =
        ["Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "Lucas", "Mia", "Mateo", "Amelia", "Levi"];

    private static readonly string[] LastNames =
        ["Garcia", "Nguyen", "Okafor", "Schmidt", "Rossi", "Kowalski", "Tanaka"];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await provisioning.EnsureSupportUserAsync("support@accountadmin.test", "Sam", "Support", Password, cancellationToken);

        var northwind = await provisioning.EnsureAgencyAsync("Northwind Agency", cancellationToken);
        var eastCoast = await provisioning.EnsureDivisionAsync(northwind, "East Coast", "Accounts on the east coast", cancellationToken);
        var main = await provisioning.EnsureAccountAsync(northwind, "Northwind Main", cancellationToken: cancellationToken);
        await provisioning.EnsureAccountAsync(northwind, "Northwind East", eastCoast, cancellationToken);
        await provisioning.EnsureAccountAsync(northwind, "Northwind West", cancellationToken: cancellationToken);

        await provisioning.EnsureScheduleAsync(main, "Weekdays, New York", "America/New_York", "Mon 09:00-17:00; Tue 09:00-17:00; Wed 09:00-17:00; Thu 09:00-17:00; Fri 09:00-17:00", cancellationToken);
        await provisioning.EnsureScheduleAsync(main, "Weekend cover", "America/Chicago", "Sat 10:00-16:00; Sun 10:00-16:00", cancellationToken);
        await provisioning.EnsureAccessControlGroupAsync(main, "Inbound sales", cancellationToken);
        await provisioning.EnsureAccessControlGroupAsync(main, "Support tier 1", cancellationToken);

        var agencyAdmin = await User("agency.admin@northwind.test", "Avery", "Agency", main);
        await provisioning.EnsureAgencyRoleAsync(northwind, agencyAdmin, AgencyRole.AgencyAdministrator, cancellationToken);

        var divisionAdmin = await User("division.admin@northwind.test", "Dana", "Division", main);
        await provisioning.EnsureDivisionAdministratorAsync(eastCoast, divisionAdmin, cancellationToken);

        (string Email, string First, string Last, AccountRole Role)[] staff =
        [
            ("owner@northwind.test", "Olive", "Owner", AccountRole.Owner),
            ("admin@northwind.test", "Adam", "Admin", AccountRole.Administrator),
            ("billing@northwind.test", "Bill", "Billing", AccountRole.BillingManager),
            ("reports@northwind.test", "Rita", "Reports", AccountRole.ReportManager),
            ("calls@northwind.test", "Cal", "Calls", AccountRole.CallManager),
            ("agent@northwind.test", "Agnes", "Agent", AccountRole.CallAgent),
        ];
        foreach (var (email, first, last, role) in staff)
        {
            await provisioning.EnsureMembershipAsync(main, await User(email, first, last, main), role, cancellationToken);
        }

        var agnes = await User("agent@northwind.test", "Agnes", "Agent", main);
        await provisioning.EnsureScheduleAssignmentAsync(main, agnes, "Weekdays, New York", cancellationToken);
        await provisioning.EnsureRoutingMethodAsync(main, "Sales queue", RoutingKind.Queue, [agnes], cancellationToken);
        await provisioning.EnsureRoutingMethodAsync(main, "Smart Router", RoutingKind.SmartRouter, [], cancellationToken);

        // Enough invited agents for Manage Users to have pages to turn.
        for (var i = 0; i < 60; i++)
        {
            var first = FirstNames[i % FirstNames.Length];
            var last = LastNames[i % LastNames.Length];
            var email = $"{first}.{last}{i + 1}@northwind.test".ToLowerInvariant();
            var agent = await provisioning.EnsureUserAsync(email, first, last, password: null, main.Id, cancellationToken);
            await provisioning.EnsureMembershipAsync(main, agent, AccountRole.CallAgent, cancellationToken);
        }

        var contoso = await provisioning.EnsureAgencyAsync("Contoso Group", cancellationToken);
        var dental = await provisioning.EnsureAccountAsync(contoso, "Contoso Dental", cancellationToken: cancellationToken);
        await provisioning.EnsureMembershipAsync(dental, await User("owner@contoso.test", "Connor", "Contoso", dental), AccountRole.Owner, cancellationToken);

        Task<AppUser> User(string email, string first, string last, Account home) =>
            provisioning.EnsureUserAsync(email, first, last, Password, home.Id, cancellationToken);
    }
}
