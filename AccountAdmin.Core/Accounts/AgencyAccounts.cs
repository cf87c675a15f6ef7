using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using AccountAdmin.Core.Divisions;
using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Accounts;

/// <summary>An account in All Accounts, with how many users it has.</summary>
public sealed record AgencyAccountRow(Guid Id, string Name, Guid? DivisionId, string? DivisionName, int Users, DateTime CreatedAt);

public sealed record AgencyAccountPage(IReadOnlyList<AgencyAccountRow> Rows, bool HasMore);

public sealed record DivisionChoice(Guid Id, string Name);

/// <summary>Where a new account may go: the divisions to choose from, and whether it may stay in none.</summary>
public sealed record NewAccountChoices(IReadOnlyList<DivisionChoice> Divisions, bool NoneAllowed)
{
    /// <summary>A creator with exactly one division and no other way in gets the account there without choosing (seed 002).</summary>
    public DivisionChoice? Automatic => !NoneAllowed && Divisions.Count == 1 ? Divisions[0] : null;
}

/// <summary>An account's settings page: its name and division, and the divisions it may be moved to.</summary>
public sealed record AccountSettingsView(
    Guid AccountId, string Name, Guid? DivisionId, string? DivisionName, bool CanChooseDivision, IReadOnlyList<DivisionChoice> Divisions,
    TwoFactorRequirement TwoFactor = TwoFactorRequirement.None, TwoFactorRequirement AgencyTwoFactor = TwoFactorRequirement.None);

/// <summary>The list filter "in no division".</summary>
public static class DivisionFilter
{
    public static readonly Guid None = Guid.Empty;
}

public interface IAgencyAccounts
{
    /// <summary>
    /// The agency's accounts <paramref name="actor"/> administers — all of them for an Agency Administrator, those of their
    /// divisions for a Division Administrator — by name, <paramref name="take"/> after a (name, id) key, with user counts.
    /// </summary>
    Task<AgencyAccountPage> ListAsync(
        AgencyContext actor, string? search, Guid? division, string? afterName, Guid? afterId, int take, CancellationToken cancellationToken = default);

    Task<NewAccountChoices> ChoicesAsync(AgencyContext actor, CancellationToken cancellationToken = default);

    /// <summary>New Account: Agency Administrators anywhere or nowhere, Division Administrators into a division they manage.</summary>
    Task<(CommandResult Result, Guid? AccountId)> CreateAsync(
        Guid actorId, Guid agencyId, string? name, Guid? divisionId, CancellationToken cancellationToken = default);

    /// <summary>The settings page of <paramref name="account"/>, which the caller has already checked the actor may open.</summary>
    Task<AccountSettingsView> SettingsAsync(Guid actorId, AccountScope account, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the name (Manage account settings) and the division (Agency Administrators only). <paramref name="divisionWas"/>
    /// is the division the form showed: a move made since then by someone else refuses the change of division.
    /// </summary>
    Task<CommandResult> SaveSettingsAsync(
        Guid actorId, Guid accountId, string? name, Guid? divisionId, Guid? divisionWas, CancellationToken cancellationToken = default);
}

public sealed class AgencyAccounts(AccountAdminDbContext db, IAccessService access, AuditTrail audit, TimeProvider clock) : IAgencyAccounts
{
    /// <summary>What is wrong with an account's name, as New Account and account settings take it, if anything.</summary>
    public static CommandError? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? AccountErrors.NameRequired
        : name.Trim().Length > DivisionRules.MaxName || name.Any(char.IsControl)
            ? AccountErrors.NameTooLong
        : null;

    public async Task<AgencyAccountPage> ListAsync(
        AgencyContext actor, string? search, Guid? division, string? afterName, Guid? afterId, int take, CancellationToken cancellationToken = default)
    {
        var all = actor.Has(Permission.ManageDivisions);
        var mine = actor.AdministeredDivisions.ToList();
        var query = db.Accounts.AsNoTracking()
            .Where(a => a.AgencyId == actor.AgencyId && (all || (a.DivisionId != null && mine.Contains(a.DivisionId.Value))));
        if (division == DivisionFilter.None)
        {
            query = query.Where(a => a.DivisionId == null);
        }
        else if (division is { } id)
        {
            query = query.Where(a => a.DivisionId == id);
        }

        if (search is { Length: > 0 })
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(a => a.Name.ToLower().Contains(term));
        }

        if (afterName is not null && afterId is { } lastId)
        {
            query = query.Where(a => string.Compare(a.Name, afterName) > 0 || (a.Name == afterName && a.Id.CompareTo(lastId) > 0));
        }

        // Each account's users: its current memberships, counted on its row by the database's triggers.
        var page = await query.OrderBy(a => a.Name).ThenBy(a => a.Id).Take(take + 1)
            .Select(a => new AgencyAccountRow(a.Id, a.Name, a.DivisionId, a.Division != null ? a.Division.Name : null, a.MemberCount, a.CreatedAt))
            .ToListAsync(cancellationToken);
        var rows = page.Take(take).ToList();
        return new AgencyAccountPage(rows, page.Count > take);
    }

    public async Task<NewAccountChoices> ChoicesAsync(AgencyContext actor, CancellationToken cancellationToken = default)
    {
        var all = actor.Has(Permission.ManageDivisions);
        var mine = actor.AdministeredDivisions.ToList();
        var divisions = await db.Divisions.AsNoTracking()
            .Where(d => d.AgencyId == actor.AgencyId && (all || mine.Contains(d.Id)))
            .OrderBy(d => d.NormalizedName)
            .Select(d => new DivisionChoice(d.Id, d.Name))
            .ToListAsync(cancellationToken);
        return new NewAccountChoices(divisions, all);
    }

    public async Task<(CommandResult Result, Guid? AccountId)> CreateAsync(
        Guid actorId, Guid agencyId, string? name, Guid? divisionId, CancellationToken cancellationToken = default)
    {
        var actor = await access.GetAgencyAsync(actorId, agencyId, cancellationToken);
        if (actor is null)
        {
            return (CommandResult.NotFound, null);
        }

        if (!actor.Has(Permission.CreateAccounts))
        {
            return (CommandResult.Forbidden, null);
        }

        var choices = await ChoicesAsync(actor, cancellationToken);
        var errors = new List<CommandError>();
        if (NameProblem(name) is { } nameProblem)
        {
            errors.Add(nameProblem);
        }

        var division = divisionId is { } id ? choices.Divisions.FirstOrDefault(d => d.Id == id) : choices.Automatic;
        if (divisionId is not null && division is null)
        {
            errors.Add(AccountErrors.DivisionNotOffered);
        }
        else if (division is null && !choices.NoneAllowed)
        {
            errors.Add(AccountErrors.ChooseDivision);
        }

        if (errors.Count > 0)
        {
            return (CommandResult.Refused([.. errors]), null);
        }

        var account = new Account(agencyId, name!.Trim(), clock.GetUtcNow().UtcDateTime, division?.Id);
        db.Accounts.Add(account);
        audit.Record(AuditActions.AccountCreated, agencyId, account.Id, details: division is null ? account.Name : $"{account.Name} in {division.Name}", actorUserId: actorId);
        await db.SaveChangesAsync(cancellationToken);
        return (CommandResult.Done, account.Id);
    }

    public async Task<AccountSettingsView> SettingsAsync(Guid actorId, AccountScope account, CancellationToken cancellationToken = default)
    {
        var agency = await access.GetAgencyAsync(actorId, account.AgencyId, cancellationToken);
        var canChoose = agency?.Has(Permission.ManageDivisions) == true;
        var divisions = canChoose ? (await ChoicesAsync(agency!, cancellationToken)).Divisions : [];
        var twoFactor = await db.Accounts.AsNoTracking().Where(a => a.Id == account.AccountId)
            .Select(a => new { a.TwoFactorRequirement, Agency = a.Agency.TwoFactorRequirement }).SingleAsync(cancellationToken);
        return new AccountSettingsView(
            account.AccountId, account.AccountName, account.DivisionId, account.DivisionName, canChoose, divisions, twoFactor.TwoFactorRequirement, twoFactor.Agency);
    }

    public async Task<CommandResult> SaveSettingsAsync(
        Guid actorId, Guid accountId, string? name, Guid? divisionId, Guid? divisionWas, CancellationToken cancellationToken = default)
    {
        var (actor, refusal) = await access.ActorAsync(actorId, accountId, Permission.ManageAccountSettings, cancellationToken);
        if (actor is null)
        {
            return refusal!;
        }

        if (NameProblem(name) is { } problem)
        {
            return CommandResult.Refused(problem);
        }

        var account = await db.Accounts.SingleAsync(a => a.Id == accountId, cancellationToken);
        var rename = account.Name != name!.Trim();
        var move = divisionId != divisionWas;
        Division? target = null;
        if (move)
        {
            var agency = await access.GetAgencyAsync(actorId, account.AgencyId, cancellationToken);
            if (agency?.Has(Permission.ManageDivisions) != true)
            {
                return CommandResult.Forbidden;
            }

            if (account.DivisionId != divisionWas)
            {
                return CommandResult.Refused(AccountErrors.MovedMeanwhile);
            }

            if (divisionId is { } id)
            {
                target = await db.Divisions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.AgencyId == account.AgencyId, cancellationToken);
                if (target is null)
                {
                    return CommandResult.Refused(AccountErrors.DivisionNotOffered);
                }
            }
        }

        return await db.AtomicallyAsync(async () =>
        {
            if (rename)
            {
                audit.Record(AuditActions.AccountRenamed, account.AgencyId, accountId, details: $"{account.Name} → {name.Trim()}", actorUserId: actorId);
                account.Rename(name.Trim());
            }

            if (move)
            {
                var guard = divisionWas;
                // Guarded like the division page's moves: a move made since the check above leaves nothing half-done.
                var moved = await db.Accounts.Where(a => a.Id == accountId && a.DivisionId == guard)
                    .ExecuteUpdateAsync(u => u.SetProperty(a => a.DivisionId, divisionId), cancellationToken);
                if (moved == 0)
                {
                    db.ChangeTracker.Clear();
                    return CommandResult.Refused(AccountErrors.MovedMeanwhile);
                }

                audit.Record(AuditActions.AccountDivisionChanged, account.AgencyId, accountId,
                    details: $"{actor.Account.DivisionName ?? "No division"} → {target?.Name ?? "No division"}", actorUserId: actorId);
            }

            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Done;
        }, cancellationToken);
    }
}
