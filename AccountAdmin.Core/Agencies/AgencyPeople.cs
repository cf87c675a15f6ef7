using AccountAdmin.Core.Data;

namespace AccountAdmin.Core.Agencies;

internal static class AgencyPeople
{
    /// <summary>
    /// The agency's users: everyone with a current membership in one of its accounts, an agency role there, or a place
    /// in one of its divisions. A union of indexed lookups, to be composed into a larger query.
    /// </summary>
    public static IQueryable<Guid> UserIdsOf(this AccountAdminDbContext db, Guid agencyId)
    {
        // The agency's divisions as a list to look up in, so that their members are found by division, not by scanning
        // every division's members.
        var divisions = db.Divisions.Where(v => v.AgencyId == agencyId).Select(v => v.Id);
        return db.Memberships.Where(m => m.EndedAt == null && m.Account.AgencyId == agencyId).Select(m => m.UserId)
            .Union(db.AgencyRoleGrants.Where(g => g.AgencyId == agencyId).Select(g => g.UserId))
            .Union(db.DivisionMembers.Where(d => divisions.Contains(d.DivisionId)).Select(d => d.UserId))
            .Union(db.DivisionAdministrators.Where(d => divisions.Contains(d.DivisionId)).Select(d => d.UserId));
    }
}
