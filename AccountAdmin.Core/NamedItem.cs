namespace AccountAdmin.Core;

/// <summary>Something a list shows by name: a group, a schedule, an account, a person with their e-mail as <see cref="Detail"/>.</summary>
public sealed record NamedItem(Guid Id, string Name, string? Detail = null);
