using System.ComponentModel.DataAnnotations;
using AccountAdmin.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AccountAdmin.Web.Pages.Sessions;

public sealed class ForgotPasswordModel(PasswordResetQueue queue) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your e-mail address or username.")]
    [Display(Name = "E-mail or username")]
    [StringLength(256)]
    public string SignInName { get; set; } = "";

    public bool Asked { get; private set; }

    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        queue.Enqueue(SignInName, HttpContext.Connection.RemoteIpAddress?.ToString());
        Asked = true;
        return Page();
    }
}
