using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AccountAdmin.Web.Infrastructure;

public static class ModelStateMessages
{
    /// <summary>Every error message on the form, fields' and the form's own, in the order they were added.</summary>
    public static IReadOnlyList<string> ErrorMessages(this ModelStateDictionary modelState) =>
        modelState.Values.SelectMany(entry => entry.Errors).Select(error => error.ErrorMessage).ToList();
}
