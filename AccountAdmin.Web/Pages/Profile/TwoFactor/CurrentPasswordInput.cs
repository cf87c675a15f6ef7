using System.ComponentModel.DataAnnotations;

namespace AccountAdmin.Web.Pages.Profile.TwoFactor;

/// <summary>The current password, asked again before a change to the second factor.</summary>
public sealed class CurrentPasswordInput
{
    [Required(ErrorMessage = "Enter your current password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Current password")]
    [StringLength(512)]
    public string CurrentPassword { get; set; } = "";
}
