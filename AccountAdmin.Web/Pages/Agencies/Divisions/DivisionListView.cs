using AccountAdmin.Core;

namespace AccountAdmin.Web.Pages.Agencies.Divisions;

/// <summary>One of the three lists of a division's page, with the first of its items and the link to its editor.</summary>
public sealed record DivisionListView(
    string Key, string Title, string EditLabel, int Count, IReadOnlyList<NamedItem> Items, bool Editable, string EditHref, string Meaning);
