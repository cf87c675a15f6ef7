using System.ComponentModel.DataAnnotations;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>A password chosen from an e-mailed link (invitation, restore, reset), typed twice.</summary>
public sealed class NewPasswordInput
{
    [Required(ErrorMessage = "Choose a password.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    [StringLength(512)]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Type the password again.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password again")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
    public string ConfirmPassword { get; set; } = "";
}
