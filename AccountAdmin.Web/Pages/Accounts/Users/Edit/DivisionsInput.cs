namespace AccountAdmin.Web.Pages.Accounts.Users.Edit;

/// <summary>Edit Assigned Divisions.</summary>
public sealed class DivisionsInput
{
    /// <summary>The divisions the form offered; the user leaves those of them not chosen.</summary>
    public List<Guid> Shown { get; set; } = [];

    public List<Guid> Chosen { get; set; } = [];

    /// <summary>The part of a division's name the list looks for, and the division its shown page starts after.</summary>
    public string? Filter { get; set; }

    public string? After { get; set; }
}
