namespace AccountAdmin.Core.Model;

public sealed class Agency
{
    private Agency() { }

    public Agency(string name, DateTime createdAt)
    {
        Id = Guid.NewGuid();
        Name = name;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
}
