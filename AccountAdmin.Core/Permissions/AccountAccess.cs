using AccountAdmin.Core.Model;

namespace AccountAdmin.Core.Permissions;

public enum AccessDenial
{
    NoGrant = 1,
    Suspended = 2,
    Archived = 3,

    /// <summary>The actor is logged in as someone, kept to another account.</summary>
    OutsideImpersonation = 4,
}

/// <summary>What a user may do in one account, each permission with the grants it comes from.</summary>
public sealed class AccountAccess(IReadOnlyList<PermissionGrant> grants, AccessDenial? denial)
{
    public static AccountAccess None(AccessDenial denial) => new([], denial);

    public IReadOnlyList<PermissionGrant> Grants { get; } = grants;

    /// <summary>Why the user has no permission at all here, when that is the case.</summary>
    public AccessDenial? Denial { get; } = denial;

    public bool Any => Grants.Count > 0;

    public bool Has(Permission permission) => Grants.Any(g => g.Permission == permission);

    public IEnumerable<Permission> Permissions => Grants.Select(g => g.Permission).Distinct().Order();

    public IEnumerable<Grant> SourcesOf(Permission permission) =>
        Grants.Where(g => g.Permission == permission).Select(g => g.Source).Distinct();

    public IEnumerable<Grant> Sources => Grants.Select(g => g.Source).Distinct();

    /// <summary>The highest account role the grants amount to.</summary>
    public AccountRole? EffectiveRole => Sources.Select(s => s.EquivalentRole).Where(r => r is not null).Min();
}
