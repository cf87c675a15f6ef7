using System.Text.RegularExpressions;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Sdk;

namespace AccountAdmin.Tests.Web.Components;

/// <summary>
/// A bunit context for the portal's components: an antiforgery token as the pages have one, and queries by role and
/// accessible name, the way a person (or a screen reader) finds things.
/// </summary>
public abstract class ComponentTestContext : BunitContext
{
    public const string AntiforgeryField = "__RequestVerificationToken";
    public const string AntiforgeryValue = "test-token";

    protected ComponentTestContext()
    {
        Services.AddSingleton<AntiforgeryStateProvider>(new FixedAntiforgery());
    }

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new(AntiforgeryValue, AntiforgeryField);
    }
}

public static class RoleQueries
{
    private static readonly Dictionary<string, Func<IElement, bool>> Implicit = new()
    {
        ["link"] = e => e.LocalName == "a" && e.HasAttribute("href"),
        ["button"] = e => e.LocalName == "button",
        ["navigation"] = e => e.LocalName == "nav",
        ["heading"] = e => e.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6",
        ["list"] = e => e.LocalName is "ul" or "ol",
        ["listitem"] = e => e.LocalName == "li",
        ["table"] = e => e.LocalName == "table",
        ["row"] = e => e.LocalName == "tr",
        ["columnheader"] = e => e.LocalName == "th",
        ["cell"] = e => e.LocalName == "td",
        ["listbox"] = e => e.LocalName == "select" && e.HasAttribute("multiple"),
        ["combobox"] = e => e.LocalName == "select" && !e.HasAttribute("multiple"),
        ["searchbox"] = e => e.LocalName == "input" && e.GetAttribute("type") == "search",
        ["option"] = e => e.LocalName == "option",
        ["separator"] = e => e.LocalName == "hr",
        ["form"] = e => e.LocalName == "form" && (e.HasAttribute("aria-label") || e.HasAttribute("aria-labelledby")),
    };

    /// <summary>Every element of <paramref name="role"/> (its own role attribute, or what it is), with that name if one is given.</summary>
    public static IReadOnlyList<IElement> AllByRole<T>(this IRenderedComponent<T> cut, string role, string? name = null)
        where T : IComponent => AllByRole(cut.Nodes.OfType<IElement>(), role, name);

    public static IElement ByRole<T>(this IRenderedComponent<T> cut, string role, string? name = null)
        where T : IComponent => Single(cut.AllByRole(role, name), role, name);

    /// <summary>The same, within <paramref name="scope"/>.</summary>
    public static IReadOnlyList<IElement> AllByRole(this IElement scope, string role, string? name = null) => AllByRole([scope], role, name);

    public static IElement ByRole(this IElement scope, string role, string? name = null) => Single(scope.AllByRole(role, name), role, name);

    private static List<IElement> AllByRole(IEnumerable<IElement> roots, string role, string? name)
    {
        var elements = roots.SelectMany(root => root.QuerySelectorAll("*").Prepend(root)).ToList();
        return elements
            .Where(e => e.GetAttribute("role") is { } explicitRole ? explicitRole == role : Implicit.TryGetValue(role, out var test) && test(e))
            .Where(e => name is null || NameOf(e, elements) == name)
            .ToList();
    }

    private static IElement Single(IReadOnlyList<IElement> found, string role, string? name) => found switch
    {
        [var one] => one,
        [] => throw new XunitException($"No {role}{(name is null ? "" : $" named \"{name}\"")}."),
        _ => throw new XunitException($"{found.Count} elements of role {role}{(name is null ? "" : $" named \"{name}\"")}."),
    };

    /// <summary>The accessible name, as far as these components give one: aria-label, aria-labelledby, a label, or the text.</summary>
    private static string NameOf(IElement element, IReadOnlyList<IElement> all)
    {
        if (element.GetAttribute("aria-label") is { } label)
        {
            return label;
        }

        if (element.GetAttribute("aria-labelledby") is { } labelledBy && all.FirstOrDefault(e => e.Id == labelledBy) is { } labeller)
        {
            return labeller.Text();
        }

        if (element.Id is { Length: > 0 } id && all.FirstOrDefault(e => e.LocalName == "label" && e.GetAttribute("for") == id) is { } forLabel)
        {
            return forLabel.Text();
        }

        return element.Text();
    }

    /// <summary>The text as it reads: runs of white space as one space, none at the ends.</summary>
    public static string Text(this IElement element) => Regex.Replace(element.TextContent, @"\s+", " ").Trim();
}
