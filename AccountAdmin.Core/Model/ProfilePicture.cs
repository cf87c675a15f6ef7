namespace AccountAdmin.Core.Model;

/// <summary>A user's profile picture, checked to be a PNG, JPEG or WebP image by its content.</summary>
public sealed class ProfilePicture
{
    private ProfilePicture() { }

    public ProfilePicture(Guid userId, string contentType, byte[] content, DateTime at)
    {
        UserId = userId;
        Replace(contentType, content, at);
    }

    public Guid UserId { get; private set; }
    public string ContentType { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    public DateTime UpdatedAt { get; private set; }

    public void Replace(string contentType, byte[] content, DateTime at)
    {
        ContentType = contentType;
        Content = content;
        UpdatedAt = at;
    }
}
