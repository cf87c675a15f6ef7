using AccountAdmin.Core.Model;
using AccountAdmin.Core.Permissions;

namespace AccountAdmin.Core.Users;

public enum UserStatus
{
    Active = 1,
    Invited = 2,
    Suspended = 3,
}

public enum UserSort
{
    Name = 1,
    Email = 2,
    LastSignIn = 3,
}

/// <summary>
/// One page request of an account's user list. <see cref="After"/> and <see cref="Before"/> are sort keys
/// of the row next to the wanted page (keyset paging); at most one of them is set.
/// </summary>
public sealed record UserListQuery(
    string? Search = null,
    AccountRole? Role = null,
    UserStatus? Status = null,
    UserSort Sort = UserSort.Name,
    bool Descending = false,
    string? After = null,
    string? Before = null,
    int PageSize = UserListQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 50;
    public static readonly IReadOnlyList<int> PageSizes = [25, 50, 100];
}

public sealed record UserListRow(
    Guid UserId,
    string FirstName,
    string LastName,
    string Email,
    string? Nickname,
    AccountRole Role,
    IReadOnlyList<Grant> Sources,
    UserStatus Status,
    DateTime? LastSignInAt,
    string Key,
    bool TwoFactorEnabled = false)
{
    /// <summary>For an invited user, when their invitation was e-mailed; null when it was held back (Bulk Add).</summary>
    public DateTime? InvitationSentAt { get; init; }

    public string Name => $"{FirstName} {LastName}".Trim();

    /// <summary>The grant the shown role comes from.</summary>
    public Grant PrimarySource => Sources[0];
}

public sealed record UserListPage(IReadOnlyList<UserListRow> Rows, string? NextAfter, string? PreviousBefore);
