using AccountAdmin.Core.Permissions;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>The account (or agency) the current page is about, set by the page, read by the layout's navigation.</summary>
public sealed class CurrentAccount
{
    public AccountContext? Context { get; set; }

    public AgencyContext? Agency { get; set; }
}
