using System.ComponentModel.DataAnnotations;
using AccountAdmin.Core.Users;
using AccountAdmin.Web.Infrastructure;

namespace AccountAdmin.Web.Pages.Accounts.Users.Edit;

/// <summary>The profile form: user details, the agent sections and the picture.</summary>
public sealed class ProfileInput : UserDetailsInput
{
    [StringLength(256)]
    [Display(Name = "E-mail")]
    public string? Email { get; set; }

    [StringLength(100)]
    [Display(Name = "First name")]
    public string? FirstName { get; set; }

    [StringLength(100)]
    [Display(Name = "Last name")]
    public string? LastName { get; set; }

    public string ConcurrencyStamp { get; set; } = "";

    public static ProfileInput From(UserProfile profile)
    {
        var input = new ProfileInput
        {
            Email = profile.Email,
            FirstName = profile.FirstName,
            LastName = profile.LastName,
            Nickname = profile.Nickname,
            UserName = profile.UserName,
            Phone = profile.Phone,
            ConcurrencyStamp = profile.ConcurrencyStamp,
        };
        input.Load(profile.Settings, profile.ScheduleId, profile.GroupIds, profile.RoutingIds);
        return input;
    }

    /// <summary>The change to save; the protected fields (name, e-mail, username, phone) only when the viewer may edit them.</summary>
    public ProfileUpdate ToUpdate(bool protectedFields, byte[]? picture) => new(
        Nickname, Settings.ToValues(), Placement(), ConcurrencyStamp,
        protectedFields ? Email ?? "" : null,
        protectedFields ? FirstName ?? "" : null,
        protectedFields ? LastName ?? "" : null,
        protectedFields ? UserName ?? "" : null,
        protectedFields ? Phone ?? "" : null,
        picture,
        RemovePicture);
}
