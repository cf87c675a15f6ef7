using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Extensions.Primitives;

namespace AccountAdmin.Web.Infrastructure;

/// <summary>
/// Refuses a value with a control character before any handler acts on it; tab, carriage return and line feed are
/// taken in multi-line text only (<c>[DataType(DataType.MultilineText)]</c>). In a posted form the page is shown as its
/// GET handler shows it, with the message at each such field, so nothing changes whatever the page's own handler checks.
/// In the query string (a search box), or on a page without a GET handler, the answer is 400.
/// </summary>
public sealed class FormValueGuard : IAsyncPageFilter
{
    public const string Message = "This contains a control character (such as NUL) that can't be saved. Remove it and try again.";

    private static readonly object RefusalKey = new();

    private sealed record Refusal(IReadOnlyList<string> Fields, bool InForm);

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context)
    {
        var request = context.HttpContext.Request;
        if (context.HandlerMethod is not { } handler)
        {
            return Task.CompletedTask;
        }

        var metadata = context.HttpContext.RequestServices.GetRequiredService<IModelMetadataProvider>();
        var model = metadata.GetMetadataForType(context.ActionDescriptor.HandlerTypeInfo.AsType());
        if (Refused(request.Query, model) is { Count: > 0 } inQuery)
        {
            context.HttpContext.Items[RefusalKey] = new Refusal(inQuery, InForm: false);
        }
        else if (!IsGet(handler) && request.HasFormContentType && Refused(request.Form, model) is { Count: > 0 } inForm)
        {
            context.HttpContext.Items[RefusalKey] = new Refusal(inForm, InForm: true);
            if (context.ActionDescriptor.HandlerMethods.FirstOrDefault(h => IsGet(h) && string.IsNullOrEmpty(h.Name)) is { } show)
            {
                context.HandlerMethod = show;
            }
        }

        return Task.CompletedTask;
    }

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HttpContext.Items.Remove(RefusalKey, out var value) && value is Refusal refusal)
        {
            if (!refusal.InForm || context.HandlerMethod is not { } handler || !IsGet(handler))
            {
                context.Result = new BadRequestResult();
                return;
            }

            foreach (var field in refusal.Fields)
            {
                context.ModelState.AddModelError(field, Message);
            }
        }

        await next();
    }

    private static List<string> Refused(IEnumerable<KeyValuePair<string, StringValues>> fields, ModelMetadata model) =>
        fields.Where(field => field.Value.Any(value => value is not null && HasRefusedCharacter(value, IsMultiline(model, field.Key))))
            .Select(field => field.Key)
            .ToList();

    private static bool IsGet(HandlerMethodDescriptor handler) => string.Equals(handler.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase);

    private static bool HasRefusedCharacter(string value, bool multiline) =>
        value.Any(c => char.IsControl(c) && !(multiline && c is '\t' or '\r' or '\n'));

    /// <summary>Whether the form field <paramref name="key"/> (such as <c>Input.Lines</c>) binds to multi-line text.</summary>
    private static bool IsMultiline(ModelMetadata model, string key)
    {
        ModelMetadata? current = model;
        foreach (var segment in key.Split('.'))
        {
            var name = segment.Split('[')[0];
            current = current.Properties.FirstOrDefault(p => string.Equals(p.PropertyName, name, StringComparison.OrdinalIgnoreCase));
            if (current is null)
            {
                return false;
            }

            if (segment.Contains('[') && current.ElementMetadata is { } element)
            {
                current = element;
            }
        }

        return current.DataTypeName == nameof(DataType.MultilineText);
    }
}
