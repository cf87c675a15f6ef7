namespace AccountAdmin.Web.Pages.Accounts.Users.Edit;

/// <summary>The forms of the user page, each posted to a page of its own.</summary>
public enum UserForm
{
    None,
    Profile,
    Roles,
    Password,
    Divisions,
}
