using AccountAdmin.Core.Permissions;
using AccountAdmin.Core.Placements;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AccountAdmin.Web.Pages.Accounts;

public sealed class OverviewModel(IAccessService access, CurrentAccount current, IAgentWork work) : AccountPageModel(access, current)
{
    /// <summary>The viewer's own schedule, groups and routing here (someone logged in as an agent sees the agent's).</summary>
    public AgentWork Work { get; private set; } = new(null, [], []);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await AuthorizeAsync(permission: null) is { } refusal)
        {
            return refusal;
        }

        Work = await work.OfAsync(User.GetUserId(), AccountId, HttpContext.RequestAborted);
        return Page();
    }
}
