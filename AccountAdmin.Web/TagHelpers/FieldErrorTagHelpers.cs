using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace AccountAdmin.Web.TagHelpers;

/// <summary>
/// A field whose value was refused says so to assistive technology (GOV.UK's pattern): <c>aria-invalid</c>, and
/// <c>aria-describedby</c> pointing at its message, which <see cref="FieldMessageTagHelper"/> gives that id.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class InvalidFieldTagHelper : TagHelper
{
    // After the framework's own helpers, which write the id and name.
    public override int Order => 1000;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    [HtmlAttributeNotBound, ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0)
        {
            output.Attributes.SetAttribute("aria-invalid", "true");
            var id = FieldErrors.MessageId(name);
            var describedBy = output.Attributes.TryGetAttribute("aria-describedby", out var existing) ? $"{existing.Value} {id}" : id;
            output.Attributes.SetAttribute("aria-describedby", describedBy);
        }
    }
}

/// <summary>The message under a field gets the id its field's <c>aria-describedby</c> names.</summary>
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class FieldMessageTagHelper : TagHelper
{
    public override int Order => 1000;

    [HtmlAttributeName("asp-validation-for")]
    public ModelExpression For { get; set; } = null!;

    [HtmlAttributeNotBound, ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (output.Attributes.ContainsName("id"))
        {
            throw new InvalidOperationException($"The message of {For.Name} has the id its field's aria-describedby names; don't give it another.");
        }

        output.Attributes.SetAttribute("id", FieldErrors.MessageId(ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name)));
    }
}

public static class FieldErrors
{
    /// <summary>The id the framework gives the field named <paramref name="name"/> ("Input.Email" is "Input_Email").</summary>
    public static string FieldId(string name) => TagBuilder.CreateSanitizedId(name, "_");

    public static string MessageId(string name) => FieldId(name) + "-error";

    /// <summary>Each refused field's id and message, in the order the page added them, for the summary at the top.</summary>
    public static IReadOnlyList<(string FieldId, string Message)> Of(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState) =>
        modelState.Where(e => e.Key.Length > 0 && e.Value is { Errors.Count: > 0 })
            .SelectMany(e => e.Value!.Errors.Select(error => (FieldId(e.Key), error.ErrorMessage)))
            .Where(e => e.ErrorMessage.Length > 0)
            .DistinctBy(e => e.ErrorMessage + e.Item1)
            .ToList();
}

/// <summary>
/// A field its form can't be sent without (<see cref="System.ComponentModel.DataAnnotations.RequiredAttribute"/>): an
/// asterisk after its label (hidden from screen readers, which hear <c>aria-required</c> on the field instead).
/// </summary>
[HtmlTargetElement("label", Attributes = "asp-for")]
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class RequiredFieldTagHelper : TagHelper
{
    public override int Order => 1000;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!For.Metadata.ValidatorMetadata.OfType<System.ComponentModel.DataAnnotations.RequiredAttribute>().Any()
            || output.Attributes.TryGetAttribute("type", out var type) && type.Value?.ToString() is "hidden" or "checkbox" or "radio")
        {
            return;
        }

        if (output.TagName == "label")
        {
            // After the label, not in it: its text stays the field's name.
            output.PostElement.AppendHtml("<span class=\"aa-required\" aria-hidden=\"true\">*</span>");
        }
        else
        {
            output.Attributes.SetAttribute("aria-required", "true");
        }
    }
}
