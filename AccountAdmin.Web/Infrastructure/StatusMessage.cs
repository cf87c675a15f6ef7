using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace AccountAdmin.Web.Infrastructure;

public enum StatusKind
{
    Success,
    Warning,
    Error,
}

/// <summary>A message shown once at the top of the next page, with an explicit kind.</summary>
public sealed record StatusMessage(StatusKind Kind, string Text)
{
    private const string KindKey = "Status.Kind";
    private const string TextKey = "Status.Text";

    public string CssClass => Kind switch
    {
        StatusKind.Success => "alert-success",
        StatusKind.Warning => "alert-warning",
        _ => "alert-danger",
    };

    public void Keep(ITempDataDictionary tempData)
    {
        tempData[KindKey] = Kind.ToString();
        tempData[TextKey] = Text;
    }

    public static StatusMessage? Take(ITempDataDictionary tempData) =>
        tempData[TextKey] is string text && Enum.TryParse<StatusKind>(tempData[KindKey] as string, out var kind)
            ? new StatusMessage(kind, text)
            : null;
}
