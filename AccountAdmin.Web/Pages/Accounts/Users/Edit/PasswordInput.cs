using System.ComponentModel.DataAnnotations;

namespace AccountAdmin.Web.Pages.Accounts.Users.Edit;

/// <summary>A new password set by an administrator of the user's home account.</summary>
public sealed class PasswordInput
{
    [DataType(DataType.Password)]
    [StringLength(512)]
    [Display(Name = "New password")]
    public string? NewPassword { get; set; }

    [DataType(DataType.Password)]
    [Display(Name = "New password again")]
    [Compare(nameof(NewPassword), ErrorMessage = "The two passwords are not the same.")]
    public string? ConfirmPassword { get; set; }
}
