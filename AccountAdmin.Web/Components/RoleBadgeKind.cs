namespace AccountAdmin.Web.Components;

/// <summary>What a role badge stands for, which sets its colour.</summary>
public enum RoleBadgeKind
{
    /// <summary>A role that gives access: an account or agency role, a division's.</summary>
    Grant,

    /// <summary>The role a user has in the account on screen, beside their name.</summary>
    Here,

    /// <summary>A standing outside the account roles, such as support staff or a division role.</summary>
    Other,
}
