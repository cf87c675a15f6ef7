using AccountAdmin.Core.Model;
using AccountAdmin.Core.Users;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>The address of each landing page Core may choose.</summary>
public static class Landings
{
    public static string Url(Landing landing) => landing switch
    {
        { Page: LandingPage.Profile } => "/profile",
        { Page: LandingPage.AccountOverview, AccountId: { } account } => $"/accounts/{account}",
        { Page: LandingPage.ManageUsers, AccountId: { } account } => $"/accounts/{account}/users",
        _ => "/",
    };
}
