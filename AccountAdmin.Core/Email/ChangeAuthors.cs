using AccountAdmin.Core.Audit;
using AccountAdmin.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AccountAdmin.Core.Email;

/// <summary>
/// Who made a change, as the e-mail about it names them: the person it was made as, and whoever was really at the
/// keyboard while logged in as them (support staff, or an Owner or Administrator of the account).
/// </summary>
public sealed record ChangedBy(Guid UserId, string Name, string? Behind = null)
{
    /// <summary>In a sentence: "Ada Lovelace", or "AccountAdmin support (logged in as Ada Lovelace)".</summary>
    public string InSentence => Behind is null ? Name : $"{Behind} (logged in as {Name})";

    /// <summary>In a subject, short: the person at the keyboard.</summary>
    public string InSubject => Behind ?? Name;

    /// <summary>The change was made by the recipient themselves, at their own keyboard.</summary>
    public bool IsSelf(Guid recipientId) => Behind is null && UserId == recipientId;
}

/// <summary>Looks up <see cref="ChangedBy"/> for the acting user of this request.</summary>
public sealed class ChangeAuthors(AccountAdminDbContext db, IActorContext context)
{
    public const string Support = "AccountAdmin support";

    public async Task<ChangedBy> OfAsync(Guid actorId, CancellationToken cancellationToken)
    {
        var ids = context.ImpersonatorUserId is { } impersonator && context.UserId == actorId ? [actorId, impersonator] : new[] { actorId };
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.FirstName, u.LastName, u.Email, u.IsSupportStaff })
            .ToDictionaryAsync(u => u.Id, cancellationToken);
        string NameOf(Guid id) => people.TryGetValue(id, out var person)
            ? $"{person.FirstName} {person.LastName}".Trim() is { Length: > 0 } name ? name : person.Email ?? "An administrator"
            : "An administrator";

        string? behind = null;
        if (ids.Length == 2)
        {
            behind = people.TryGetValue(ids[1], out var impersonatorPerson) && !impersonatorPerson.IsSupportStaff ? NameOf(ids[1]) : Support;
        }

        return new ChangedBy(actorId, NameOf(actorId), behind);
    }
}
