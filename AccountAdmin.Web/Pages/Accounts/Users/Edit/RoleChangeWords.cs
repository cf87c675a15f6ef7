using AccountAdmin.Core.Model;
using AccountAdmin.Core.Roles;

namespace AccountAdmin.Web.Pages.Accounts.Users.Edit;

/// <summary>What a save of Assign Roles does, in words: "Role in Northwind East changed from Call Agent to Report Manager".</summary>
public static class RoleChangeWords
{
    public static string Describe(RoleAssignmentsView before, RoleChanges changes)
    {
        var held = before.Roles.SelectMany(r => r.Accounts.Select(a => (a.AccountId, a.Name, r.Role))).ToDictionary(h => h.AccountId);
        var names = before.Grantable.Chosen.Concat(before.Grantable.Page).DistinctBy(a => a.AccountId).ToDictionary(a => a.AccountId, a => a.Name);
        var added = changes.AddRole is null ? [] : changes.AddAccountIds ?? [];
        var parts = new List<string>();
        if (changes.AddRole is { } role)
        {
            foreach (var id in added.Distinct())
            {
                if (held.TryGetValue(id, out var was))
                {
                    if (was.Role != role)
                    {
                        parts.Add($"Role in {was.Name} changed from {was.Role.Display()} to {role.Display()}");
                    }
                }
                else
                {
                    parts.Add($"Given the role {role.Display()} in {names.GetValueOrDefault(id, "another account")}");
                }
            }
        }

        foreach (var id in (changes.RemoveAccountIds ?? []).Except(added).Distinct())
        {
            if (held.TryGetValue(id, out var was))
            {
                parts.Add($"Removed from {was.Name} (was {was.Role.Display()})");
            }
        }

        parts.AddRange((changes.RemoveAgencyRoles ?? []).Distinct().Select(r => $"Agency role {r.Display()} taken away"));
        if (changes.AddAgencyRole is { } agencyRole && before.AgencyRoles.All(r => r.Role != agencyRole))
        {
            parts.Add($"Given the agency role {agencyRole.Display()} in {before.AgencyName}");
        }

        return parts.Count == 0 ? "Nothing to change" : string.Join("; ", parts);
    }
}
