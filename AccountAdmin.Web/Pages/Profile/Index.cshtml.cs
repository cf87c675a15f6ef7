using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Profile;

/// <summary>My profile: my accounts, contact preferences, password, requests to approve, who logged in as me.</summary>
public sealed class IndexModel(ProfileScreenLoader loader) : PageModel
{
    public ProfileScreen Screen { get; private set; } = null!;

    public async Task OnGetAsync() => Screen = await loader.LoadAsync(User.GetUserId(), HttpContext.RequestAborted);
}
