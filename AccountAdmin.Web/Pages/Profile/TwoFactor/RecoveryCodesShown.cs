using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace AccountAdmin.Web.Pages.Profile.TwoFactor;

/// <summary>New recovery codes, carried once from the change that made them to the page that shows them, and then gone.</summary>
public static class RecoveryCodesShown
{
    private const string Key = "TwoFactor.RecoveryCodes";

    public static void Keep(ITempDataDictionary tempData, IEnumerable<string> codes) => tempData[Key] = string.Join(' ', codes);

    public static IReadOnlyList<string> Take(ITempDataDictionary tempData) =>
        tempData[Key] is string codes ? codes.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
}
