using AccountAdmin.Core.Data;

namespace AccountAdmin.Core.Agencies;

internal static class AgencyPeople
{
    /// <summary>
    /// The agency's users: everyone with a current membership in one of its accounts, an agency role there, or a place
    /// in one of its divisions. A union of indexed lookups, to be composed into a larger query.
    /// </summary>
    public static IQueryable<Guid> UserIdsOf(this AccountAdminDbContext db, Guid agencyId) =>
        db.Memberships.Where(m => m.EndedAt == null && m.Account.AgencyId == agencyId).Select(m => m.UserId)
            .Union(db.AgencyRoleGrants.Where(g => g.AgencyId == agencyId).Select(g => g.UserId))
            .Union(db.DivisionMembers.Where(d => db.Divisions.Any(v => v.Id == d.DivisionId && v.AgencyId == agencyId)).Select(d => d.UserId))
            .Union(db.DivisionAdministrators.Where(d => db.Divisions.Any(v => v.Id == d.DivisionId && v.AgencyId == agencyId)).Select(d => d.UserId));
}
