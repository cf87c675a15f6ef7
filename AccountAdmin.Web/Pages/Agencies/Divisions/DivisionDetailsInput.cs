using System.ComponentModel.DataAnnotations;

namespace AccountAdmin.Web.Pages.Agencies.Divisions;

public sealed class DivisionDetailsInput
{
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [Display(Name = "Description (optional)")]
    public string? Description { get; set; }
}
