using System.ComponentModel.DataAnnotations;

namespace AccountAdmin.Web.Pages.Agencies.Divisions;

public sealed class DivisionDetailsInput
{
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [Display(Name = "Description (optional)")]
    [DataType(DataType.MultilineText)]
    public string? Description { get; set; }
}
